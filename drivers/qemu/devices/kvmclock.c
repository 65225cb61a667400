/*
 * kvmclock (KVM_FEATURE_CLOCKSOURCE2), read once at boot on the boot CPU:
 * the wall clock MSR gives the host's time when kvmclock read 0, the system
 * time MSR gives kvmclock now as a TSC value and a scale, so realtime is
 * their sum and the scale is the TSC's rate. Then the MSR is turned off
 * again: the kernel counts TSC ticks from there.
 */
#include "kvmclock.h"
#include "arch/x86_64/cpu.h"
#include "kernel/kernel.h"
#include "kernel/time/time.h"

#define CPUID_KVM_SIGNATURE 0x40000000
#define CPUID_KVM_FEATURES 0x40000001
#define KVM_FEATURE_CLOCKSOURCE2 (1u << 3)
#define MSR_KVM_WALL_CLOCK_NEW 0x4b564d00
#define MSR_KVM_SYSTEM_TIME_NEW 0x4b564d01
#define SYSTEM_TIME_ENABLE 1
#define SIGNATURE_KVM_EBX 0x4b4d564b /* "KVMKVMKVM\0\0\0" */
#define SIGNATURE_KVM_ECX 0x564b4d56
#define SIGNATURE_KVM_EDX 0x4d

struct pvclock_time {
	uint32_t version, pad0;
	uint64_t tsc_timestamp, system_time;
	uint32_t tsc_to_system_mul;
	int8_t tsc_shift;
	uint8_t flags, pad[2];
};

struct pvclock_wall {
	uint32_t version, sec, nsec;
};

static struct pvclock_time time_info __attribute__((aligned(64)));
static struct pvclock_wall wall;

static bool present(void)
{
	struct cpuid_regs sig = cpuid(CPUID_KVM_SIGNATURE, 0);
	return (cpuid(1, 0).ecx >> 31) && sig.ebx == SIGNATURE_KVM_EBX && sig.ecx == SIGNATURE_KVM_ECX &&
	       sig.edx == SIGNATURE_KVM_EDX && sig.eax >= CPUID_KVM_FEATURES &&
	       (cpuid(CPUID_KVM_FEATURES, 0).eax & KVM_FEATURE_CLOCKSOURCE2);
}

/* The TSC ticks scaled to ns as the host says: (delta << shift) * mul >> 32. */
static uint64_t scale(uint64_t delta, uint32_t mul, int8_t shift)
{
	delta = shift < 0 ? delta >> -shift : delta << shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

bool kvmclock_read(int64_t *realtime_ns, uint64_t *tsc, uint32_t *tsc_khz)
{
	if (!present())
		return false;
	wrmsr(MSR_KVM_WALL_CLOCK_NEW, virt_to_phys(&wall));
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, virt_to_phys(&time_info) | SYSTEM_TIME_ENABLE);
	volatile struct pvclock_time *t = &time_info;
	struct pvclock_time copy;
	uint32_t version;
	do {
		version = t->version;
		__asm__ volatile("" ::: "memory");
		copy = *(struct pvclock_time *)t;
		*tsc = rdtsc();
		__asm__ volatile("" ::: "memory");
	} while ((version & 1) || version != t->version);
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, 0);
	if (!copy.tsc_to_system_mul || (wall.version & 1))
		return false;
	uint64_t now = copy.system_time + scale(*tsc - copy.tsc_timestamp, copy.tsc_to_system_mul, copy.tsc_shift);
	*realtime_ns = (int64_t)wall.sec * NSEC_PER_SEC + wall.nsec + (int64_t)now;
	/* ns per tick is mul * 2^shift / 2^32, so kHz is 10^6 * 2^32 / (mul * 2^shift). */
	uint64_t khz = (1000000ULL << 32) / copy.tsc_to_system_mul;
	*tsc_khz = (uint32_t)(copy.tsc_shift < 0 ? khz << -copy.tsc_shift : khz >> copy.tsc_shift);
	return true;
}
