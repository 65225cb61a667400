/*
 * The local APIC, through its x2APIC MSRs (no MMIO mapping needed), the
 * timer in TSC-deadline mode, so one write arms it for an absolute time.
 * Without x2APIC or TSC deadline (QEMU's TCG) the xAPIC's MMIO page serves,
 * at 0xfee00000 where the PVH boot maps the low 4 GiB, with a one-shot timer
 * whose count is the TSC time left scaled to the timer's rate, measured once.
 */
#include "lapic.h"
#include "addr.h"
#include "cpu.h"
#include "irq.h"
#include "tsc.h"

#define MSR_APIC_BASE    0x1b
#define MSR_TSC_DEADLINE 0x6e0
#define MSR_X2APIC_ID    0x802
#define MSR_X2APIC_TPR   0x808
#define MSR_X2APIC_EOI   0x80b
#define MSR_X2APIC_SVR   0x80f
#define MSR_X2APIC_ICR   0x830
#define MSR_X2APIC_TIMER 0x832

#define XAPIC_PA         0xfee00000ULL
#define XAPIC_ID         0x020
#define XAPIC_TPR        0x080
#define XAPIC_EOI        0x0b0
#define XAPIC_SVR        0x0f0
#define XAPIC_ICR_LOW    0x300
#define XAPIC_ICR_HIGH   0x310
#define XAPIC_TIMER      0x320
#define XAPIC_TIMER_INIT 0x380
#define XAPIC_TIMER_NOW  0x390
#define XAPIC_TIMER_DIV  0x3e0

#define APIC_BASE_EXTD   (1ULL << 10)
#define APIC_BASE_EN     (1ULL << 11)
#define SVR_ENABLE       0x100
#define TIMER_TSC_DEADLINE (2U << 17)
#define TIMER_DIV_1      0xb
#define ICR_ASSERT       (1U << 14)
#define ICR_PENDING      (1U << 12)
#define CALIBRATE_TSC    (1ULL << 20) /* TSC ticks the xAPIC timer is measured over */

#define CPUID1_X2APIC       (1U << 21)
#define CPUID1_TSC_DEADLINE (1U << 24)
#define CPUID1_EDX_APIC     (1U << 9)

static bool xapic; /* the MMIO fallback */
static uint64_t timer_per_tsc_32; /* xAPIC timer ticks per TSC tick, 32.32 fixed point */

static uint32_t xrd(unsigned reg)
{
	return *(volatile uint32_t *)((char *)phys_to_virt(XAPIC_PA) + reg);
}

static void xwr(unsigned reg, uint32_t v)
{
	*(volatile uint32_t *)((char *)phys_to_virt(XAPIC_PA) + reg) = v;
}

/* The xAPIC timer's rate against the TSC, counting down from the top with divide-by-1. */
static void xapic_calibrate(void)
{
	xwr(XAPIC_TIMER_DIV, TIMER_DIV_1);
	xwr(XAPIC_TIMER_INIT, UINT32_MAX);
	uint64_t t0 = rdtsc();
	uint32_t c0 = xrd(XAPIC_TIMER_NOW), c1;
	uint64_t t1;
	do
		t1 = rdtsc();
	while (t1 - t0 < CALIBRATE_TSC);
	c1 = xrd(XAPIC_TIMER_NOW);
	xwr(XAPIC_TIMER_INIT, 0);
	timer_per_tsc_32 = ((uint64_t)(c0 - c1) << 32) / (t1 - t0);
}

static bool xapic_init(void)
{
	if (!(cpuid(1, 0).edx & CPUID1_EDX_APIC))
		return false;
	wrmsr(MSR_APIC_BASE, (rdmsr(MSR_APIC_BASE) & ~APIC_BASE_EXTD) | APIC_BASE_EN);
	xapic = true;
	xwr(XAPIC_TPR, 0);
	xwr(XAPIC_SVR, SVR_ENABLE | VEC_SPURIOUS);
	if (!timer_per_tsc_32)
		xapic_calibrate();
	xwr(XAPIC_TIMER_DIV, TIMER_DIV_1);
	xwr(XAPIC_TIMER, VEC_TIMER); /* one-shot */
	return timer_per_tsc_32 != 0;
}

bool lapic_init(void)
{
	uint32_t ecx = cpuid(1, 0).ecx;
	if (!(ecx & CPUID1_X2APIC) || !(ecx & CPUID1_TSC_DEADLINE))
		return xapic_init();
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | APIC_BASE_EN | APIC_BASE_EXTD);
	wrmsr(MSR_X2APIC_TPR, 0);
	wrmsr(MSR_X2APIC_SVR, SVR_ENABLE | VEC_SPURIOUS);
	wrmsr(MSR_X2APIC_TIMER, TIMER_TSC_DEADLINE | VEC_TIMER);
	return true;
}

uint32_t lapic_id(void)
{
	return xapic ? xrd(XAPIC_ID) >> 24 : (uint32_t)rdmsr(MSR_X2APIC_ID);
}

void lapic_timer_at(uint64_t tsc)
{
	if (!xapic) {
		wrmsr(MSR_TSC_DEADLINE, tsc);
		return;
	}
	uint64_t now = rdtsc(), count = 0;
	if (tsc) {
		count = tsc > now ? (uint64_t)(((unsigned __int128)(tsc - now) * timer_per_tsc_32) >> 32) : 0;
		/* Due already: at once. Too far for 32 bits: early, and the scheduler arms it again. */
		count = count ? (count < UINT32_MAX ? count : UINT32_MAX) : 1;
	}
	xwr(XAPIC_TIMER_INIT, (uint32_t)count);
}

void lapic_eoi(void)
{
	if (xapic)
		xwr(XAPIC_EOI, 0);
	else
		wrmsr(MSR_X2APIC_EOI, 0);
}

void lapic_icr(uint32_t apic_id, uint32_t icr)
{
	if (!xapic && (rdmsr(MSR_APIC_BASE) & APIC_BASE_EXTD)) {
		wrmsr(MSR_X2APIC_ICR, ((uint64_t)apic_id << 32) | icr);
		return;
	}
	xwr(XAPIC_ICR_HIGH, apic_id << 24);
	xwr(XAPIC_ICR_LOW, icr);
	while (xrd(XAPIC_ICR_LOW) & ICR_PENDING)
		__asm__ volatile("pause");
}

void lapic_send(uint32_t apic_id, uint8_t vector)
{
	lapic_icr(apic_id, ICR_ASSERT | vector);
}
