/* Sleeping on a clock, for nanosleep(2) and clock_nanosleep(2). */
#ifndef KERNEL_SLEEP_H
#define KERNEL_SLEEP_H

#include <stdbool.h>

#include "time.h"

/* Sleep until clock reads *ts (absolute) or for *ts; 0, or -EINTR with what was left in *left. */
long sleep_on(int clock, bool absolute, const struct ktimespec *ts, struct ktimespec *left);

#endif
