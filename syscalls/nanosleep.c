/* nanosleep(2) on CLOCK_MONOTONIC. */
#include "kernel/time/sleep.h"
#include "sys.h"

SYSCALL_DEFINE2(nanosleep, const struct timespec *, duration, struct timespec *, rem)
{
	struct ktimespec ts, left;
	if (copy_from_user(&ts, duration, sizeof(ts)))
		return -EFAULT;
	if (!timespec_valid(&ts))
		return -EINVAL;
	long err = sleep_on(CLOCK_MONOTONIC, false, &ts, &left);
	if (err == -EINTR && rem && copy_to_user(rem, &left, sizeof(left)))
		return -EFAULT;
	return err;
}
