/* setitimer(2): ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF. */
#include "kernel/time/itimer.h"
#include "kernel/time/time.h"
#include "sys.h"

#define USEC_PER_SEC 1000000

struct ktimeval {
	int64_t sec, usec;
};

/* An itimerval is two timevals: the interval, then the value. */
SYSCALL_DEFINE3(setitimer, int, which, const struct ktimeval *, value, struct ktimeval *, ovalue)
{
	struct ktimeval nv[2] = { { 0, 0 }, { 0, 0 } }, ov[2];
	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	if (value && copy_from_user(nv, value, sizeof(nv)))
		return -EFAULT;
	for (int i = 0; i < 2; i++)
		if (nv[i].sec < 0 || nv[i].usec < 0 || nv[i].usec >= USEC_PER_SEC)
			return -EINVAL;
	uint64_t old_value, old_interval;
	itimer_set(which, (uint64_t)(nv[1].sec * NSEC_PER_SEC + nv[1].usec * 1000),
		   (uint64_t)(nv[0].sec * NSEC_PER_SEC + nv[0].usec * 1000), &old_value, &old_interval);
	ov[0] = (struct ktimeval){ (int64_t)(old_interval / NSEC_PER_SEC), (int64_t)(old_interval % NSEC_PER_SEC / 1000) };
	ov[1] = (struct ktimeval){ (int64_t)(old_value / NSEC_PER_SEC), (int64_t)(old_value % NSEC_PER_SEC / 1000) };
	if (ovalue && copy_to_user(ovalue, ov, sizeof(ov)))
		return -EFAULT;
	return 0;
}
