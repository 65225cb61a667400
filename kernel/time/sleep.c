/* Sleeping: a timed block on the deadline the clock gives. */
#include <asm-generic/errno.h>

#include "kernel/sched/sched.h"
#include "sleep.h"

long sleep_on(int clock, bool absolute, const struct ktimespec *ts, struct ktimespec *left)
{
	struct ktimespec until = *ts;
	if (!absolute) {
		timespec_from_now(&until);
		clock = CLOCK_MONOTONIC;
	}
	for (;;) {
		uint64_t deadline = clock_deadline(clock, &until);
		if (!deadline)
			return 0;
		if (sched_block_interruptible(deadline) == WAKE_SIGNAL) {
			uint64_t now = rdtsc();
			uint64_t ns = deadline > now ? tsc_to_ns(deadline - now) : 0;
			*left = (struct ktimespec){ (int64_t)(ns / NSEC_PER_SEC), (int64_t)(ns % NSEC_PER_SEC) };
			return -EINTR;
		}
	}
}
