/* POSIX per-process timers (timer_create): a signal to the program or to one thread on expiry. */
#ifndef KERNEL_PTIMER_H
#define KERNEL_PTIMER_H

#include <stdint.h>

long ptimer_create(int clock, const void *usevp, void *uid);
long ptimer_settime(int id, int flags, const void *unew, void *uold);
long ptimer_gettime(int id, void *ucurr);
long ptimer_getoverrun(int id);
long ptimer_delete(int id);
/* The TSC time of the next expiry of any timer, or 0. */
uint64_t ptimer_deadline(void);
/* The program takes timer id's signal: its overrun count, which timer_getoverrun reports from now. */
int ptimer_taken(int id);
/* Signal the timers that expired by now (TSC). */
void ptimer_expire(uint64_t now);

struct proc;
/* p ended: its timers go. */
void ptimer_drop(struct proc *p);

#endif
