/* Linux x86-64 syscall names, from <asm/unistd_64.h> by way of the generated table. */
#ifndef COCOON_SCAN_SYSCALL_NAMES_H
#define COCOON_SCAN_SYSCALL_NAMES_H

#include <stdint.h>

/* NULL when NR is not a Linux syscall. */
const char *syscall_name(uint64_t nr);

/* -1 when NAME is not a Linux syscall. */
long syscall_number(const char *name);

#endif
