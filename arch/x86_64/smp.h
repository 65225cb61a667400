/* The CPUs' state, and loading the calling CPU's tables and local APIC. */
#ifndef ARCH_X86_64_SMP_H
#define ARCH_X86_64_SMP_H

#include <stdbool.h>

#include "gdt.h"

struct cpu;

/*
 * Load c's tables on the calling CPU (c's GDT and TSS with the IST stack
 * pages given, the IDT, the syscall entry) and start its local APIC; false if
 * it has no timer, so no IPIs either.
 */
bool cpu_load(struct cpu *c, void *const ist_pages[IST_COUNT]);

/* Where another CPU starts (entry.S): in long mode, its id in RDI. */
extern char ap_start[];

#endif
