/*
 * Starting a CPU without a monitor (see ap_boot.h): the trampoline copied
 * below 1 MiB, INIT, then up to two SIPIs, as the MP specification says.
 */
#include <asm-generic/errno.h>

#include "ap_boot.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/lapic.h"
#include "kernel/kernel.h"
#include "kernel/time/time.h"

#define ICR_INIT 0x500
#define ICR_STARTUP 0x600
#define ICR_ASSERT 0x4000
#define PTE_TABLE 0x7
#define SIPI_WAIT_NS 200000ULL
#define START_WAIT_NS 1000000000ULL

extern char pvh_pdpt_low[], pvh_pdpt_high[];

/* The trampoline's page tables: the low 4 GiB where they are, and the kernel's half. */
static uint64_t boot_pml4[512] __attribute__((aligned(4096)));

static bool wait_started(volatile struct ap_boot_params *p, uint64_t ns)
{
	uint64_t until = rdtsc() + ns_to_tsc(ns);
	while (!p->started)
		if (rdtsc() > until)
			return false;
	return true;
}

long ap_boot(uint32_t apic_id, uint64_t cr3, uint64_t rip, uint64_t rsp, uint64_t rdi, uint64_t rsi)
{
	char *page = phys_to_virt(AP_BOOT_PA);
	memcpy(page, ap_boot_start, (size_t)(ap_boot_end - ap_boot_start));
	boot_pml4[0] = virt_to_phys(pvh_pdpt_low) | PTE_TABLE;
	boot_pml4[(KERNEL_VBASE >> 39) & 511] = virt_to_phys(pvh_pdpt_high) | PTE_TABLE;
	volatile struct ap_boot_params *p = (void *)(page + (ap_boot_params - ap_boot_start));
	*p = (struct ap_boot_params){ virt_to_phys(boot_pml4), cr3, rip, rsp, rdi, rsi, 0 };
	lapic_icr(apic_id, ICR_INIT | ICR_ASSERT);
	for (int i = 0; i < 2; i++) {
		lapic_icr(apic_id, ICR_STARTUP | ICR_ASSERT | (AP_BOOT_PA >> 12));
		if (wait_started(p, i ? START_WAIT_NS : SIPI_WAIT_NS))
			return 0;
	}
	return -EIO;
}
