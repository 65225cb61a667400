/* clock_nanosleep(2): relative or TIMER_ABSTIME; errors are returned, not -1/errno. */
#include "kernel/time/sleep.h"
#include "sys.h"


long sys_clock_nanosleep(const uint64_t *args)
{
	int clock = (int)args[0];
	bool absolute = args[1] & TIMER_ABSTIME;
	struct ktimespec ts, left, now;
	if (clock == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if (clock_read(clock, &now))
		return -EINVAL;
	/* CPU-time clocks do not advance while sleeping, so sleeping on them is refused. */
	if (clock < 0 || clock == CLOCK_PROCESS_CPUTIME_ID)
		return -EOPNOTSUPP;
	if (copy_from_user(&ts, (const void *)args[2], sizeof(ts)))
		return -EFAULT;
	if (!timespec_valid(&ts))
		return -EINVAL;
	long err = sleep_on(clock, absolute, &ts, &left);
	if (err == -EINTR && !absolute && args[3] && copy_to_user((void *)args[3], &left, sizeof(left)))
		return -EFAULT;
	return err;
}
