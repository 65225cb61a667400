/*
 * Each process's interval timers (setitimer, alarm): ITIMER_REAL on the clock,
 * ITIMER_VIRTUAL and ITIMER_PROF on the process's CPU time, which the kernel
 * counts as one (all of it is user time here). fork's child starts with none;
 * execve keeps them.
 */
#ifndef KERNEL_ITIMER_H
#define KERNEL_ITIMER_H

#include <stdint.h>

#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2
#define ITIMER_COUNT 3

struct proc;

/* One timer, held in its process (struct proc). */
struct itimer {
	struct proc *owner;   /* the process its signal goes to */
	int which;
	uint64_t at;          /* ITIMER_REAL: TSC; the others: the process's CPU ns; 0 if disarmed */
	uint64_t interval_ns; /* reload, 0 for one shot */
};

/* The calling process's timer which. Times in ns; value 0 disarms. Returns the previous value and interval. */
void itimer_set(int which, uint64_t value, uint64_t interval, uint64_t *old_value, uint64_t *old_interval);
/* ns left and interval, without changing them. */
void itimer_get(int which, uint64_t *value, uint64_t *interval);
/* The TSC time by which to look at the timers again, or 0. */
uint64_t itimer_deadline(void);
/* Raise SIGALRM, SIGVTALRM or SIGPROF for the timers that expired by now (TSC). */
void itimer_expire(uint64_t now);

/* p ended: its timers go. */
void itimer_drop(struct proc *p);

#endif
