/* clock_nanosleep(2): relative or TIMER_ABSTIME; errors are returned, not -1/errno. */
#include "kernel/time/sleep.h"
#include "sys.h"

SYSCALL_DEFINE4(clock_nanosleep, int, clockid, int, flags, const struct timespec *, request,
		struct timespec *, remain)
{
	bool absolute = flags & TIMER_ABSTIME;
	struct ktimespec ts, left, now;
	if (clockid == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if (clock_read(clockid, &now))
		return -EINVAL;
	/* CPU-time clocks do not advance while sleeping, so sleeping on them is refused. */
	if (clockid < 0 || clockid == CLOCK_PROCESS_CPUTIME_ID)
		return -EOPNOTSUPP;
	long err = timespec_from_user(&ts, request);
	if (err)
		return err;
	err = sleep_on(clockid, absolute, &ts, &left);
	if (err == -EINTR && !absolute && remain && copy_to_user(remain, &left, sizeof(left)))
		return -EFAULT;
	return err;
}
