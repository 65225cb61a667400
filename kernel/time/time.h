/* Clocks, from the TSC: the host's clocks read once at boot, then no VM exit. */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <stdbool.h>
#include <stdint.h>

#include "ticks.h"

#define NSEC_PER_SEC 1000000000LL

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define CLOCK_REALTIME_ALARM 8
#define CLOCK_BOOTTIME_ALARM 9
#define CLOCK_TAI 11

struct ktimespec {
	int64_t sec, nsec;
};

struct kitimerspec {
	struct ktimespec interval, value;
};

/* A time the program may give: not negative, nanoseconds below a second. */
static inline bool timespec_valid(const struct ktimespec *ts)
{
	return ts->sec >= 0 && ts->nsec >= 0 && ts->nsec < NSEC_PER_SEC;
}

/* Copy a struct timespec from the program: 0, -EFAULT, or -EINVAL if it is not valid. */
long timespec_from_user(struct ktimespec *ts, const void *uts);
/* A relative time becomes the CLOCK_MONOTONIC time at which it ends. */
void timespec_from_now(struct ktimespec *ts);

void clock_init(void);
/* 0 or -EINVAL for a clock Linux does not have (or a thread that does not exist). */
long clock_read(int clock, struct ktimespec *ts);
/* The clock's resolution, or -EINVAL. */
long clock_resolution(int clock, struct ktimespec *ts);
struct vdso_data;
/* What the vDSO needs to read the clocks as clock_read does (cocoon/vdso.h). */
void clock_vdso_data(struct vdso_data *d);
/* CLOCK_MONOTONIC's seconds when the kernel booted. */
int64_t clock_boot_seconds(void);
/* The TSC value at which clock (REALTIME or MONOTONIC family) reads ts; 0 if in the past. */
uint64_t clock_deadline(int clock, const struct ktimespec *ts);

#endif
