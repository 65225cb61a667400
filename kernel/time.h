/* Reading the clocks. */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <stdint.h>

struct ktimespec {
	int64_t sec, nsec;
};

/* 0 or -EINVAL for a clock Linux does not have. */
long clock_read(int clock, struct ktimespec *ts);
/* CLOCK_MONOTONIC's seconds when the kernel booted. */
int64_t clock_boot_seconds(void);
void clock_init(void);

#endif
