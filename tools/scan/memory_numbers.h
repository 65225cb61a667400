/* The few places where a libc loads a syscall number from memory, and the numbers it can
 * load there (from the libc's source: they cannot be found in the binary). */
#ifndef COCOON_SCAN_MEMORY_NUMBERS_H
#define COCOON_SCAN_MEMORY_NUMBERS_H

#include "resolve.h"

/* If FUNC is such a place, add its numbers to OUT and return 1. */
int memory_numbers(const char *func, struct valset *out);

#endif
