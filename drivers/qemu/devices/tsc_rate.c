/*
 * The TSC's rate: from CPUID when the hypervisor (leaf 0x40000010) or the
 * CPU (leaf 0x15) states it, else measured against the PIT's channel 0 for
 * 5 ms. Only the boot CPU runs this, with the PIC's interrupts masked.
 */
#include "tsc_rate.h"
#include "ioport.h"
#include "arch/x86_64/cpu.h"
#include "kernel/time/time.h"

#include <stdbool.h>

#define PIT_HZ 1193182
#define PIT_CH0 0x40
#define PIT_CMD 0x43
#define PIT_CH0_LOHI_RATE 0x34 /* channel 0, low then high byte, mode 2 */
#define PIT_LATCH_CH0 0x00
#define MEASURE_TICKS (PIT_HZ / 200)
#define CPUID_HV_TIMING 0x40000010

static uint16_t pit_count(void)
{
	outb(PIT_CMD, PIT_LATCH_CH0);
	uint8_t lo = inb(PIT_CH0);
	return (uint16_t)(lo | inb(PIT_CH0) << 8);
}

/* A reading of the PIT, and the TSC halfway through it. */
static uint16_t pit_sample(uint64_t *tsc)
{
	uint64_t before = rdtsc();
	uint16_t c = pit_count();
	*tsc = before + (rdtsc() - before) / 2;
	return c;
}

static uint32_t pit_measure(void)
{
	outb(PIT_CMD, PIT_CH0_LOHI_RATE);
	outb(PIT_CH0, 0xff);
	outb(PIT_CH0, 0xff);
	uint64_t t0, t1;
	uint16_t c0 = pit_sample(&t0), c1;
	/* The count goes down from 0xffff; 5 ms take it nowhere near the reload. */
	do
		c1 = pit_sample(&t1);
	while ((uint16_t)(c0 - c1) < MEASURE_TICKS);
	return (uint32_t)((t1 - t0) * PIT_HZ / ((uint64_t)(uint16_t)(c0 - c1) * 1000));
}

uint32_t tsc_rate_khz(void)
{
	bool hypervisor = cpuid(1, 0).ecx >> 31;
	if (hypervisor && cpuid(0x40000000, 0).eax >= CPUID_HV_TIMING && cpuid(CPUID_HV_TIMING, 0).eax)
		return cpuid(CPUID_HV_TIMING, 0).eax;
	if (cpuid(0, 0).eax >= 0x15) {
		struct cpuid_regs r = cpuid(0x15, 0);
		if (r.eax && r.ebx && r.ecx)
			return (uint32_t)((uint64_t)r.ecx * r.ebx / r.eax / 1000);
	}
	return pit_measure();
}
