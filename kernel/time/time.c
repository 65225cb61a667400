/*
 * Clocks. At boot the kernel reads the host's clocks once, between two TSC
 * reads; afterwards every clock is that reading plus TSC ticks converted at
 * the rate the monitor measured (boot_info.tsc_khz), so reading one costs no
 * VM exit. Without a rate, every read asks the host.
 */
#include <asm-generic/errno.h>

#include "drivers/monitor/hypercall.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/proc.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/thread.h"
#include "cocoon/vdso.h"
#include "time.h"

#define CLOCK_COARSE_NS 4000000 /* Linux's coarse clocks tick with the jiffy (HZ 250) */

/* CPU-time clock ids of a process or thread: ~id << 3 | per-thread << 2 | kind. */
#define CPUCLOCK_PER_THREAD 4
#define CPUCLOCK_KIND_MASK 3
#define CPUCLOCK_MAX_KIND 2

struct base {
	uint64_t tsc;
	int64_t ns;
};

static uint64_t tsc_khz;
static struct base real_base, mono_base;
static int64_t tai_offset_ns;
static int64_t boot_seconds;

static long host_clock(int clock, struct ktimespec *ts)
{
	struct hc_clock req = { .clock = clock };
	hypercall(HC_CLOCK, &req);
	ts->sec = req.sec;
	ts->nsec = req.nsec;
	return req.ret;
}

static int64_t ts_ns(const struct ktimespec *ts)
{
	return ts->sec * NSEC_PER_SEC + ts->nsec;
}

static void ns_ts(int64_t ns, struct ktimespec *ts)
{
	ts->sec = ns / NSEC_PER_SEC;
	ts->nsec = ns % NSEC_PER_SEC;
}

/* The host clock and the TSC halfway through reading it. */
static void take_base(int clock, struct base *b)
{
	struct ktimespec ts;
	uint64_t before = rdtsc();
	host_clock(clock, &ts);
	b->tsc = before + (rdtsc() - before) / 2;
	b->ns = ts_ns(&ts);
}

static int64_t since(const struct base *b)
{
	return b->ns + (int64_t)tsc_to_ns(rdtsc() - b->tsc);
}

void clock_init(void)
{
	tsc_khz = boot->tsc_khz;
	ticks_init(tsc_khz);
	take_base(CLOCK_MONOTONIC, &mono_base);
	take_base(CLOCK_REALTIME, &real_base);
	boot_seconds = mono_base.ns / NSEC_PER_SEC;
	/* TAI differs from UTC by whole seconds (0 when the host never set it). */
	struct ktimespec tai;
	host_clock(CLOCK_TAI, &tai);
	int64_t diff = ts_ns(&tai) - (tsc_khz ? since(&real_base) : real_base.ns);
	tai_offset_ns = (diff + NSEC_PER_SEC / 2) / NSEC_PER_SEC * NSEC_PER_SEC;
}

void clock_vdso_data(struct vdso_data *d)
{
	*d = (struct vdso_data){ .ns_per_tick_32 = ticks_ns_per_tick_32(), .mono_tsc = mono_base.tsc,
				 .mono_ns = mono_base.ns, .real_tsc = real_base.tsc, .real_ns = real_base.ns,
				 .tai_offset_ns = tai_offset_ns };
}

int64_t clock_boot_seconds(void)
{
	return boot_seconds;
}

/* CPU time of a thread (tid > 0) or of the whole program, in ns. */
static long cpu_clock(int tid, bool thread, int64_t *ns)
{
	struct thread *self = current();
	uint64_t ticks;
	if (!thread) {
		if (tid != 0 && tid != self->proc->pid)
			return -EINVAL;
		ticks = thread_total_cpu(self->proc) + (rdtsc() - self->run_start);
	} else {
		struct thread *t = tid ? thread_find(tid) : self;
		if (!t)
			return -EINVAL;
		ticks = t->cpu_tsc + (t == self ? rdtsc() - self->run_start : 0);
	}
	*ns = tsc_khz ? (int64_t)tsc_to_ns(ticks) : 0;
	return 0;
}

long clock_read(int clock, struct ktimespec *ts)
{
	int64_t ns = 0;
	long err;
	if (clock < 0) {
		if ((clock & CPUCLOCK_KIND_MASK) > CPUCLOCK_MAX_KIND)
			return -EINVAL;
		err = cpu_clock(~(clock >> 3), clock & CPUCLOCK_PER_THREAD, &ns);
		ns_ts(ns, ts);
		return err;
	}
	switch (clock) {
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		err = cpu_clock(0, clock == CLOCK_THREAD_CPUTIME_ID, &ns);
		ns_ts(ns, ts);
		return err;
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_TAI:
		if (!tsc_khz)
			return host_clock(clock, ts);
		ns_ts(since(&real_base) + (clock == CLOCK_TAI ? tai_offset_ns : 0), ts);
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_BOOTTIME_ALARM:
		if (!tsc_khz)
			return host_clock(clock, ts);
		ns_ts(since(&mono_base), ts);
		return 0;
	default:
		return -EINVAL;
	}
}

long clock_resolution(int clock, struct ktimespec *ts)
{
	struct ktimespec now;
	long err = clock_read(clock, &now);
	if (err)
		return err;
	bool coarse = clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE;
	*ts = (struct ktimespec){ 0, coarse ? CLOCK_COARSE_NS : 1 };
	return 0;
}

uint64_t clock_deadline(int clock, const struct ktimespec *ts)
{
	struct ktimespec now;
	if (clock_read(clock, &now))
		return 0; /* not a clock: callers check first */
	int64_t left = ts_ns(ts) - ts_ns(&now);
	return left > 0 ? rdtsc() + ns_to_tsc((uint64_t)left) : 0;
}

long timespec_from_user(struct ktimespec *ts, const void *uts)
{
	if (copy_from_user(ts, uts, sizeof(*ts)))
		return -EFAULT;
	return timespec_valid(ts) ? 0 : -EINVAL;
}

void timespec_from_now(struct ktimespec *ts)
{
	struct ktimespec now;
	clock_read(CLOCK_MONOTONIC, &now);
	ts->sec += now.sec;
	ts->nsec += now.nsec;
	if (ts->nsec >= NSEC_PER_SEC) {
		ts->sec++;
		ts->nsec -= NSEC_PER_SEC;
	}
}
