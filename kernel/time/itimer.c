/*
 * Interval timers, served by the scheduler's timer. ITIMER_REAL keeps a TSC
 * deadline. The CPU-time ones keep the program's CPU time at which they fire;
 * the CPU looks again when that could have come at the earliest (every CPU
 * running the program), and again later if the program ran less.
 */
#include "arch/x86_64/percpu.h"
#include "itimer.h"
#include "kernel/proc/proc.h"
#include "kernel/signal/signal.h"
#include "kernel/sched/thread.h"
#include "time.h"
#include "kernel/uapi.h"


struct itimer {
	struct proc *owner;   /* the process that set it, which its signal goes to */
	uint64_t at;          /* ITIMER_REAL: TSC; the others: program CPU ns; 0 if disarmed */
	uint64_t interval_ns; /* reload, 0 for one shot */
};

static struct itimer timers[3];
static const int signals[3] = { SIGALRM, SIGVTALRM, SIGPROF };

/* The CPU time of process p in ns: finished slices and the ones running now. */
static uint64_t cpu_ns(const struct proc *p)
{
	if (!p)
		return 0;
	uint64_t ticks = thread_total_cpu(p), now = rdtsc();
	for (unsigned i = 0; i < ncpus; i++) {
		struct thread *t = cpus[i].current;
		if (t && t->proc == p && t->state == THREAD_RUNNING && now > t->run_start)
			ticks += now - t->run_start;
	}
	return tsc_to_ns(ticks);
}

/* What is left of timer which, in ns (1 if due), or 0 if disarmed. */
static uint64_t left(int which)
{
	struct itimer *t = &timers[which];
	if (!t->at)
		return 0;
	uint64_t now = which == ITIMER_REAL ? rdtsc() : cpu_ns(t->owner);
	if (now >= t->at)
		return 1;
	return which == ITIMER_REAL ? tsc_to_ns(t->at - now) : t->at - now;
}

void itimer_get(int which, uint64_t *value, uint64_t *interval)
{
	*value = left(which);
	*interval = timers[which].interval_ns;
}

void itimer_set(int which, uint64_t value, uint64_t interval, uint64_t *old_value, uint64_t *old_interval)
{
	itimer_get(which, old_value, old_interval);
	timers[which].owner = proc_current();
	timers[which].interval_ns = interval;
	timers[which].at = !value ? 0 : which == ITIMER_REAL ? rdtsc() + ns_to_tsc(value) : cpu_ns(proc_current()) + value;
}

uint64_t itimer_deadline(void)
{
	uint64_t at = timers[ITIMER_REAL].at;
	for (int which = ITIMER_VIRTUAL; which <= ITIMER_PROF; which++) {
		uint64_t ns = left(which);
		uint64_t look = ns ? rdtsc() + ns_to_tsc(ns / ncpus) + 1 : 0;
		if (look && (!at || look < at))
			at = look;
	}
	return at;
}

void itimer_expire(uint64_t now)
{
	for (int which = ITIMER_REAL; which <= ITIMER_PROF; which++) {
		struct itimer *t = &timers[which];
		uint64_t clock = which == ITIMER_REAL ? now : cpu_ns(t->owner);
		if (!t->at || clock < t->at)
			continue;
		signal_send_proc(t->owner, signals[which], (struct sig_info){ SI_KERNEL, 0, 0 });
		uint64_t step = which == ITIMER_REAL ? ns_to_tsc(t->interval_ns) : t->interval_ns;
		/* Overruns collapse into one signal, as Linux's do. */
		t->at = step ? t->at + ((clock - t->at) / step + 1) * step : 0;
	}
}

void itimer_drop(struct proc *p)
{
	for (int which = ITIMER_REAL; which <= ITIMER_PROF; which++)
		if (timers[which].owner == p)
			timers[which] = (struct itimer){ 0 };
}
