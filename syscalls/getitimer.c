/* getitimer(2): ITIMER_REAL only. */
#include "kernel/itimer.h"
#include "kernel/time.h"
#include "sys.h"

#define ITIMER_REAL 0

long sys_getitimer(const uint64_t *args)
{
	if ((int)args[0] != ITIMER_REAL)
		return (int)args[0] > 2 || (int)args[0] < 0 ? -EINVAL : -ENOSYS;
	uint64_t value, interval;
	itimer_get(&value, &interval);
	int64_t tv[4] = { (int64_t)(interval / NSEC_PER_SEC), (int64_t)(interval % NSEC_PER_SEC / 1000),
			  (int64_t)(value / NSEC_PER_SEC), (int64_t)(value % NSEC_PER_SEC / 1000) };
	return copy_to_user((void *)args[1], tv, sizeof(tv));
}
