/*
 * The scheduler. One FIFO run queue for all CPUs; a thread runs until it
 * blocks, yields, or its slice ends while others wait (the timer interrupt
 * preempts it only while it runs the program: the kernel is not preemptible).
 * Timed blocks sit on one list ordered by deadline, which every CPU's timer
 * serves. Everything here runs under the kernel lock.
 */
#include "sched.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/irq.h"
#include "arch/x86_64/lapic.h"
#include "kernel/proc/direct_syscall.h"
#include "kernel/kernel.h"
#include "kernel/time/itimer.h"
#include "kernel/time/ptimer.h"
#include "kernel/lock.h"
#include "kernel/mm/vm.h"
#include "kernel/proc/proc.h"
#include "kernel/net/net.h"
#include "rseq.h"
#include "kernel/signal/signal.h"
#include "kernel/time/time.h"

static struct thread *run_head, *run_tail;
static struct thread *timed; /* blocked with a deadline, soonest first */
static uint32_t idle_cpus;   /* bit per CPU halted in sched_idle */
static bool have_timer; /* without one, idle CPUs poll instead of halting */

void switch_context(uint64_t *save_rsp, uint64_t rsp);

void sched_set_timer_available(bool yes)
{
	have_timer = yes;
}

static void timed_remove(struct thread *t)
{
	for (struct thread **p = &timed; *p; p = &(*p)->timer_next)
		if (*p == t) {
			*p = t->timer_next;
			break;
		}
	t->wake_at = 0;
}

static void timed_insert(struct thread *t, uint64_t deadline)
{
	struct thread **p = &timed;
	while (*p && (*p)->wake_at <= deadline)
		p = &(*p)->timer_next;
	t->wake_at = deadline;
	t->timer_next = *p;
	*p = t;
}

/* The program's next timer signal (ITIMER_REAL or a POSIX timer), TSC, or 0. */
static uint64_t alarm_deadline(void)
{
	uint64_t a = itimer_deadline(), b = ptimer_deadline(), n = net_deadline();
	a = !a ? b : !b || a < b ? a : b;
	return !a ? n : !n || a < n ? a : n;
}

/* Polling for work, without the lock: a hint, checked again under it. */
static void poll_for_work(void)
{
	for (;;) {
		struct thread *t = __atomic_load_n(&timed, __ATOMIC_RELAXED);
		uint64_t alarm = alarm_deadline();
		if (__atomic_load_n(&run_head, __ATOMIC_RELAXED) || (t && rdtsc() >= t->wake_at) ||
		    (alarm && rdtsc() >= alarm))
			return;
		__asm__ volatile("pause");
	}
}

/* Let an idle CPU take the new work, unless the caller's CPU is the idle one. */
static void kick_idle_cpu(void)
{
	struct cpu *self = current()->cpu;
	uint32_t others = idle_cpus & ~(1U << self->id);
	if (!others || (idle_cpus & (1U << self->id)))
		return;
	unsigned id = (unsigned)__builtin_ctz(others);
	if (have_timer)
		lapic_send(cpus[id].apic_id, VEC_WAKE);
}

static void run_push(struct thread *t)
{
	t->state = THREAD_RUNNABLE;
	t->run_next = 0;
	if (run_tail)
		run_tail->run_next = t;
	else
		run_head = t;
	run_tail = t;
}

static struct thread *run_pop(void)
{
	struct thread *t = run_head;
	if (t) {
		run_head = t->run_next;
		if (!run_head)
			run_tail = 0;
	}
	return t;
}

void sched_wake(struct thread *t, enum wake_reason why)
{
	if (t->state != THREAD_BLOCKED)
		return;
	if (t->wake_at)
		timed_remove(t);
	t->wake_reason = why;
	run_push(t);
	kick_idle_cpu();
}

void sched_resume(struct thread *t)
{
	struct cpu *c = t->cpu;
	struct thread *last = c->current;
	c->current = t;
	c->entry->kstack_top = (uint64_t)t + KSTACK_SIZE;
	t->state = THREAD_RUNNING;
	t->run_start = rdtsc();
	if (t->fpu) {
		mm_activate(c, t->proc->mm);
		rseq_set_cpu(t);
		fs_base_write(t->fs_base);
		gs_base_load(t);
		fpu_restore(t->fpu);
	}
	c->slice_end = t->fpu && have_timer ? t->run_start + ns_to_tsc(SLICE_NS) : 0;
	/* A thread that ended gave its CPU to this one: its stack is free now. */
	if (last && last != t && last->state == THREAD_DEAD)
		thread_free(last);
}

void schedule(void)
{
	struct thread *prev = current();
	struct cpu *c = prev->cpu;
	struct thread *next = run_pop();
	if (!next) {
		if (prev->state == THREAD_RUNNING)
			return;
		next = c->idle;
	}
	if (prev->state == THREAD_RUNNING && prev != c->idle)
		run_push(prev);
	prev->cpu_tsc += rdtsc() - prev->run_start;
	if (prev->fpu) {
		prev->fs_base = fs_base_read();
		prev->gs_base = gs_base_of_current();
		fpu_save(prev->fpu);
	}
	next->cpu = c;
	switch_context(&prev->ctx_rsp, next->ctx_rsp);
	sched_resume(current());
}

enum wake_reason sched_block(uint64_t deadline)
{
	struct thread *t = current();
	t->state = THREAD_BLOCKED;
	if (deadline)
		timed_insert(t, deadline);
	schedule();
	return t->wake_reason;
}

enum wake_reason sched_block_interruptible(uint64_t deadline)
{
	/* A signal that came while the thread ran (on another CPU, say) ends the wait before it starts. */
	if (signal_interrupts(current()))
		return WAKE_SIGNAL;
	return sched_block(deadline);
}

void sched_yield(void)
{
	schedule();
}

static void wake_expired(uint64_t now)
{
	while (timed && timed->wake_at <= now)
		sched_wake(timed, WAKE_TIMEOUT);
	itimer_expire(now);
	ptimer_expire(now);
	net_expire(now);
}

void sched_timer(bool may_preempt)
{
	uint64_t now = rdtsc();
	struct cpu *c = current()->cpu;
	c->timer_due = false;
	wake_expired(now);
	if (!c->slice_end || now < c->slice_end)
		return;
	if (may_preempt && run_head) {
		schedule();
		rseq_preempted(current(), thread_uregs(current()));
	} else
		c->slice_end = now + ns_to_tsc(SLICE_NS);
}

void sched_arm(struct cpu *c)
{
	uint64_t at = timed ? timed->wake_at : 0;
	uint64_t alarm = alarm_deadline();
	if (alarm && (!at || alarm < at))
		at = alarm;
	if (c->slice_end && (!at || c->slice_end < at))
		at = c->slice_end;
	/*
	 * A deadline is only brought forward, never pushed back: a later one waits
	 * for the armed one to fire (an early tick costs one interrupt). Else a
	 * thread that blocks and resumes, or a socket call that moves lwIP's next
	 * timeout, would reprogram the timer each time, a VM exit on kvm-pvm.
	 * With nothing to wait for it is stopped: a vCPU halted with a timer armed
	 * took longer to wake for a futex on another vCPU (1.4 against 2.1 us).
	 */
	if (have_timer && (at ? !c->timer_armed || at < c->timer_armed : c->timer_armed != 0)) {
		/* Recorded first: if it fires at once, the interrupt finds it and clears it. */
		c->timer_armed = at;
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		lapic_timer_at(at);
	}
}

uint64_t sched_idle_tsc(unsigned cpu)
{
	const struct cpu *c = &cpus[cpu];
	if (!c->idle)
		return 0;
	return c->idle->cpu_tsc + (c->current == c->idle ? rdtsc() - c->idle->run_start : 0);
}

unsigned sched_runnable(void)
{
	unsigned n = 0;
	for (struct thread *t = thread_next(0); t; t = thread_next(t))
		n += t->proc && (t->state == THREAD_RUNNING || t->state == THREAD_RUNNABLE);
	return n;
}

_Noreturn void sched_idle(void)
{
	struct thread *self = current();
	for (;;) {
		struct cpu *c = self->cpu;
		c->wake = 0;
		if (c->timer_due)
			sched_timer(false);
		wake_expired(rdtsc());
		while (run_head) {
			self->state = THREAD_BLOCKED;
			schedule();
		}
		self->state = THREAD_RUNNING;
		sched_arm(c);
		idle_cpus |= 1U << c->id;
		kernel_unlock();
		if (have_timer)
			irq_wait(&c->wake, c->vif);
		else
			poll_for_work();
		kernel_lock();
		idle_cpus &= ~(1U << c->id);
		signal_take_host();
	}
}
