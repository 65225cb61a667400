/* The hypercalls about the machine itself (hypercalls.c): what they need from the set-up. */
#ifndef MONITOR_HYPERCALLS_H
#define MONITOR_HYPERCALLS_H

#include <stdint.h>

/* The file HC_LOAD reads from. */
void hypercall_set_program(int fd, uint64_t size);

#endif
