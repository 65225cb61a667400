/* The size of a kernel image's code. */
#ifndef COCOON_BUILD_TEXT_SIZE_H
#define COCOON_BUILD_TEXT_SIZE_H

#include <stdint.h>

/* Bytes in the executable sections of the ELF file PATH (its .text); fails on bad input. */
uint64_t text_size(const char *path);

#endif
