/* The program's real-time interval timer (ITIMER_REAL, alarm): SIGALRM on expiry. */
#ifndef KERNEL_ITIMER_H
#define KERNEL_ITIMER_H

#include <stdint.h>

/* Times in ns; value 0 disarms. Returns the previous value and interval. */
void itimer_set(uint64_t value, uint64_t interval, uint64_t *old_value, uint64_t *old_interval);
/* ns left and interval, without changing them. */
void itimer_get(uint64_t *value, uint64_t *interval);
/* The TSC deadline to arm a CPU timer for, or 0. */
uint64_t itimer_deadline(void);
/* Raise SIGALRM if the timer expired by now (TSC). */
void itimer_expire(uint64_t now);

#endif
