/*
 * The program's interval timers (setitimer, alarm): ITIMER_REAL on the clock,
 * ITIMER_VIRTUAL and ITIMER_PROF on the program's CPU time, which the kernel
 * counts as one (all of it is user time here).
 */
#ifndef KERNEL_ITIMER_H
#define KERNEL_ITIMER_H

#include <stdint.h>

#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

/* Times in ns; value 0 disarms. Returns the previous value and interval. */
void itimer_set(int which, uint64_t value, uint64_t interval, uint64_t *old_value, uint64_t *old_interval);
/* ns left and interval, without changing them. */
void itimer_get(int which, uint64_t *value, uint64_t *interval);
/* The TSC time by which to look at the timers again, or 0. */
uint64_t itimer_deadline(void);
/* Raise SIGALRM, SIGVTALRM or SIGPROF for the timers that expired by now (TSC). */
void itimer_expire(uint64_t now);

struct proc;
/* p ended: its timers go. */
void itimer_drop(struct proc *p);

#endif
