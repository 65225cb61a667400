/* The scheduler: a run queue shared by all CPUs, time slices, timed blocking. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdint.h>

#include "thread.h"

#define SLICE_NS 5000000 /* a thread runs at most this long while others wait */

/* Make a blocked or new thread runnable. */
void sched_wake(struct thread *t, enum wake_reason why);
/*
 * Block the running thread until sched_wake or, if deadline (TSC) is not 0,
 * until then. Returns why it woke.
 */
enum wake_reason sched_block(uint64_t deadline);
/* The same for a wait a signal ends: WAKE_SIGNAL at once if one is pending that the thread takes. */
enum wake_reason sched_block_interruptible(uint64_t deadline);
/* Give the CPU to the next runnable thread, if any; the caller stays runnable. */
void sched_yield(void);
/* Pick the next thread to run; the caller has set its own state. */
void schedule(void);
/* Timer work: wake timed-out threads; end the running one's slice if may_preempt and others wait. */
void sched_timer(bool may_preempt);
/* Before returning to the program: arm the timer for this CPU's next event. */
void sched_arm(struct cpu *c);
/* A thread resumes on this CPU: its registers and stack. */
void sched_resume(struct thread *t);
/* TSC ticks CPU cpu has spent in its idle loop, up to now (/proc/stat, /proc/uptime). */
uint64_t sched_idle_tsc(unsigned cpu);
/* Threads running or ready to run (/proc/stat's procs_running). */
unsigned sched_runnable(void);
/* Each CPU's idle loop, entered with the kernel lock held. */
_Noreturn void sched_idle(void);
/* Is there no timer? Then idle CPUs poll. */
void sched_set_timer_available(bool yes);

#endif
