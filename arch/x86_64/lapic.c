/*
 * The local APIC, through its x2APIC MSRs only (no MMIO mapping needed). The
 * timer runs in TSC-deadline mode, so one write arms it for an absolute time.
 */
#include "lapic.h"
#include "cpu.h"
#include "irq.h"

#define MSR_APIC_BASE    0x1b
#define MSR_TSC_DEADLINE 0x6e0
#define MSR_X2APIC_ID    0x802
#define MSR_X2APIC_TPR   0x808
#define MSR_X2APIC_EOI   0x80b
#define MSR_X2APIC_SVR   0x80f
#define MSR_X2APIC_ICR   0x830
#define MSR_X2APIC_TIMER 0x832

#define APIC_BASE_EXTD   (1ULL << 10)
#define APIC_BASE_EN     (1ULL << 11)
#define SVR_ENABLE       0x100
#define TIMER_TSC_DEADLINE (2U << 17)

#define CPUID1_X2APIC       (1U << 21)
#define CPUID1_TSC_DEADLINE (1U << 24)

bool lapic_init(void)
{
	uint32_t ecx = cpuid(1, 0).ecx;
	if (!(ecx & CPUID1_X2APIC) || !(ecx & CPUID1_TSC_DEADLINE))
		return false;
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | APIC_BASE_EN | APIC_BASE_EXTD);
	wrmsr(MSR_X2APIC_TPR, 0);
	wrmsr(MSR_X2APIC_SVR, SVR_ENABLE | VEC_SPURIOUS);
	wrmsr(MSR_X2APIC_TIMER, TIMER_TSC_DEADLINE | VEC_TIMER);
	return true;
}

uint32_t lapic_id(void)
{
	return (uint32_t)rdmsr(MSR_X2APIC_ID);
}

void lapic_timer_at(uint64_t tsc)
{
	wrmsr(MSR_TSC_DEADLINE, tsc);
}

void lapic_eoi(void)
{
	wrmsr(MSR_X2APIC_EOI, 0);
}

void lapic_send(uint32_t apic_id, uint8_t vector)
{
	wrmsr(MSR_X2APIC_ICR, ((uint64_t)apic_id << 32) | (1U << 14) | vector);
}
