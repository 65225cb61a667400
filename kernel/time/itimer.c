/*
 * Interval timers, per process, served by the scheduler's timer. ITIMER_REAL
 * keeps a TSC deadline. The CPU-time ones keep the process's CPU time at
 * which they fire; the CPU looks again when that could have come at the
 * earliest (every CPU running the process), and again later if it ran less.
 * The armed timers of every process are listed, so that the scheduler looks
 * at those alone.
 */
#include "arch/x86_64/percpu.h"
#include "itimer.h"
#include "kernel/proc/proc.h"
#include "kernel/signal/signal.h"
#include "kernel/sched/thread.h"
#include "time.h"
#include "kernel/uapi.h"

static struct itimer *armed[PROC_MAX * ITIMER_COUNT];
static unsigned narmed;
static const int signals[ITIMER_COUNT] = { SIGALRM, SIGVTALRM, SIGPROF };

/* The CPU time of process p in ns: finished slices and the ones running now. */
static uint64_t cpu_ns(const struct proc *p)
{
	uint64_t ticks = thread_total_cpu(p), now = rdtsc();
	for (unsigned i = 0; i < ncpus; i++) {
		struct thread *t = cpus[i].current;
		if (t && t->proc == p && t->state == THREAD_RUNNING && now > t->run_start)
			ticks += now - t->run_start;
	}
	return tsc_to_ns(ticks);
}

/* What is left of t in ns (1 if due), or 0 if disarmed. */
static uint64_t left(const struct itimer *t)
{
	if (!t->at)
		return 0;
	uint64_t now = t->which == ITIMER_REAL ? rdtsc() : cpu_ns(t->owner);
	if (now >= t->at)
		return 1;
	return t->which == ITIMER_REAL ? tsc_to_ns(t->at - now) : t->at - now;
}

static void unlist(struct itimer *t)
{
	for (unsigned i = 0; i < narmed; i++)
		if (armed[i] == t) {
			armed[i] = armed[--narmed];
			return;
		}
}

void itimer_get(int which, uint64_t *value, uint64_t *interval)
{
	struct itimer *t = &proc_current()->itimers[which];
	*value = left(t);
	*interval = t->interval_ns;
}

void itimer_set(int which, uint64_t value, uint64_t interval, uint64_t *old_value, uint64_t *old_interval)
{
	struct proc *p = proc_current();
	struct itimer *t = &p->itimers[which];
	itimer_get(which, old_value, old_interval);
	bool was = t->at;
	*t = (struct itimer){ .owner = p, .which = which, .interval_ns = interval };
	t->at = !value ? 0 : which == ITIMER_REAL ? rdtsc() + ns_to_tsc(value) : cpu_ns(p) + value;
	if (was && !t->at)
		unlist(t);
	else if (!was && t->at)
		armed[narmed++] = t;
}

uint64_t itimer_deadline(void)
{
	uint64_t at = 0;
	for (unsigned i = 0; i < narmed; i++) {
		const struct itimer *t = armed[i];
		uint64_t ns = t->which == ITIMER_REAL ? 0 : left(t);
		uint64_t look = t->which == ITIMER_REAL ? t->at : ns ? rdtsc() + ns_to_tsc(ns / ncpus) + 1 : 0;
		if (look && (!at || look < at))
			at = look;
	}
	return at;
}

void itimer_expire(uint64_t now)
{
	for (unsigned i = 0; i < narmed;) {
		struct itimer *t = armed[i];
		uint64_t clock = t->which == ITIMER_REAL ? now : cpu_ns(t->owner);
		if (clock < t->at) {
			i++;
			continue;
		}
		signal_send_proc(t->owner, signals[t->which], (struct sig_info){ SI_KERNEL, 0, 0 });
		uint64_t step = t->which == ITIMER_REAL ? ns_to_tsc(t->interval_ns) : t->interval_ns;
		/* Overruns collapse into one signal, as Linux's do. */
		t->at = step ? t->at + ((clock - t->at) / step + 1) * step : 0;
		if (t->at)
			i++;
		else
			armed[i] = armed[--narmed];
	}
}

void itimer_drop(struct proc *p)
{
	for (int which = ITIMER_REAL; which < ITIMER_COUNT; which++) {
		if (p->itimers[which].at)
			unlist(&p->itimers[which]);
		p->itimers[which] = (struct itimer){ 0 };
	}
}
