/*
 * Starting a CPU without a monitor: INIT, then SIPI to the real-mode
 * trampoline (ap_boot.S), copied below 1 MiB, which takes the CPU to long
 * mode and on to the entry its parameters name, as HC_CPU_START would.
 */
#ifndef ARCH_X86_64_AP_BOOT_H
#define ARCH_X86_64_AP_BOOT_H

#define AP_BOOT_PA 0x8000 /* page-aligned below 1 MiB: the SIPI vector is its page number */

#ifndef __ASSEMBLER__
#include <stdint.h>

/* At ap_boot_params in the copy; started is set once the CPU is on its own stack. */
struct ap_boot_params {
	uint64_t boot_cr3; /* a PML4 that maps the trampoline's page at its physical address too */
	uint64_t cr3, rip, rsp, rdi, rsi;
	uint64_t started;
};

extern char ap_boot_start[], ap_boot_end[], ap_boot_params[];

/* Start the CPU with this APIC id as HC_CPU_START starts one; 0 or -EIO if it never came. */
long ap_boot(uint32_t apic_id, uint64_t cr3, uint64_t rip, uint64_t rsp, uint64_t rdi, uint64_t rsi);
#endif

#endif
