/* The vDSO in the program's address space. */
#ifndef KERNEL_VDSO_H
#define KERNEL_VDSO_H

#include <stdint.h>

/* Map the vDSO and its data page; the address of its ELF header (AT_SYSINFO_EHDR), or 0. */
uint64_t vdso_map(void);

#endif
