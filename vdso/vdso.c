/*
 * The vDSO the kernel maps into the program (AT_SYSINFO_EHDR): glibc and
 * musl read the clocks through it without a syscall. Anything it cannot
 * answer from the TSC (CPU-time clocks, unknown clocks) it passes on to the
 * kernel, by a call where it can, as rewritten programs do.
 */
#include <stddef.h>
#include <stdint.h>

#include "cocoon/hypercall.h"
#include "cocoon/vdso.h"

#define NSEC_PER_SEC 1000000000LL
#define EXPORT __attribute__((visibility("default")))

enum {
	CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID,
	CLOCK_MONOTONIC_RAW, CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME,
	CLOCK_REALTIME_ALARM, CLOCK_BOOTTIME_ALARM, CLOCK_TAI = 11,
};

struct kernel_timespec {
	int64_t sec, nsec;
};

struct kernel_timeval {
	int64_t sec, usec;
};

/* The page below the image (see vdso.lds). */
extern const struct vdso_data vdso_data;

/*
 * A syscall it passes on: a call into the kernel's direct entry while the GS base is the
 * kernel stack's top (the kernel's, above every program address), as a rewritten site makes
 * it, the red zone stepped over; else the syscall instruction. The mov, jrcxz and call are
 * those of cocoon/direct_syscall.h, COCOON_DIRECT_CALL_SIZE bytes a restart runs again.
 */
static long kernel_call(long nr, long a, long b, long c)
{
	const volatile struct vdso_data *d = &vdso_data;
	uint64_t gs = 0;
	long ret;
	if (d->direct_entry)
		__asm__ volatile("rdgsbase %0" : "=r"(gs));
	if (gs < USER_VTOP) {
		__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
		return ret;
	}
	__asm__ volatile("lea -128(%%rsp), %%rsp\n\t"
			 "mov vdso_data+%c[entry](%%rip), %%rcx\n\t"
			 "jrcxz 1f\n\t"
			 "call *%%rcx\n\t"
			 "jmp 2f\n"
			 "1:\tsyscall\n"
			 "2:\tlea 128(%%rsp), %%rsp"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), [entry] "i"(offsetof(struct vdso_data, direct_entry))
			 : "rcx", "r11", "memory");
	return ret;
}

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static int64_t since(uint64_t tsc, int64_t ns)
{
	const volatile struct vdso_data *d = &vdso_data;
	return ns + (int64_t)(((unsigned __int128)(rdtsc() - tsc) * d->ns_per_tick_32) >> 32);
}

/* The clock's ns now; false if the kernel has to answer. */
static int read_clock(int clock, int64_t *ns)
{
	const volatile struct vdso_data *d = &vdso_data;
	if (!d->ns_per_tick_32)
		return 0;
	switch (clock) {
	case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE: case CLOCK_REALTIME_ALARM:
		*ns = since(d->real_tsc, d->real_ns);
		return 1;
	case CLOCK_TAI:
		*ns = since(d->real_tsc, d->real_ns) + d->tai_offset_ns;
		return 1;
	case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME: case CLOCK_BOOTTIME_ALARM:
		*ns = since(d->mono_tsc, d->mono_ns);
		return 1;
	default:
		return 0;
	}
}

EXPORT int __vdso_clock_gettime(int clock, struct kernel_timespec *ts)
{
	int64_t ns;
	if (!read_clock(clock, &ns))
		return (int)kernel_call(228 /* clock_gettime */, clock, (long)ts, 0);
	ts->sec = ns / NSEC_PER_SEC;
	ts->nsec = ns % NSEC_PER_SEC;
	return 0;
}

EXPORT int __vdso_gettimeofday(struct kernel_timeval *tv, void *tz)
{
	int64_t ns;
	if (tz || !read_clock(CLOCK_REALTIME, &ns))
		return (int)kernel_call(96 /* gettimeofday */, (long)tv, (long)tz, 0);
	if (tv) {
		tv->sec = ns / NSEC_PER_SEC;
		tv->usec = ns % NSEC_PER_SEC / 1000;
	}
	return 0;
}

EXPORT long __vdso_time(long *t)
{
	int64_t ns;
	if (!read_clock(CLOCK_REALTIME, &ns))
		return kernel_call(201 /* time */, (long)t, 0, 0);
	long sec = (long)(ns / NSEC_PER_SEC);
	if (t)
		*t = sec;
	return sec;
}

EXPORT int __vdso_clock_getres(int clock, struct kernel_timespec *ts)
{
	return (int)kernel_call(229 /* clock_getres */, clock, (long)ts, 0);
}

EXPORT int __vdso_getcpu(unsigned *cpu, unsigned *node, void *cache)
{
	return (int)kernel_call(309 /* getcpu */, (long)cpu, (long)node, (long)cache);
}
