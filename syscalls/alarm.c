/* alarm(2): a one-shot ITIMER_REAL; returns the seconds the previous one had left. */
#include "kernel/time/itimer.h"
#include "kernel/time/time.h"
#include "sys.h"

SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	uint64_t old_value, old_interval;
	itimer_set(ITIMER_REAL, seconds * (uint64_t)NSEC_PER_SEC, 0, &old_value, &old_interval);
	/* Linux rounds to the nearest second, and never says 0 for a pending alarm. */
	uint64_t secs = (old_value + NSEC_PER_SEC / 2) / NSEC_PER_SEC;
	return (long)(old_value && !secs ? 1 : secs);
}
