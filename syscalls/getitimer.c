/* getitimer(2): ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF. */
#include "kernel/time/itimer.h"
#include "kernel/time/time.h"
#include "sys.h"

SYSCALL_DEFINE2(getitimer, int, which, struct itimerval *, curr_value)
{
	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	uint64_t value, interval;
	itimer_get(which, &value, &interval);
	int64_t tv[4] = { (int64_t)(interval / NSEC_PER_SEC), (int64_t)(interval % NSEC_PER_SEC / 1000),
			  (int64_t)(value / NSEC_PER_SEC), (int64_t)(value % NSEC_PER_SEC / 1000) };
	return copy_to_user(curr_value, tv, sizeof(tv));
}
