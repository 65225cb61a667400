/* nanosleep(2) on CLOCK_MONOTONIC. */
#include "kernel/time/sleep.h"
#include "sys.h"

SYSCALL_DEFINE2(nanosleep, const struct timespec *, duration, struct timespec *, rem)
{
	struct ktimespec ts, left;
	long err = timespec_from_user(&ts, duration);
	if (err)
		return err;
	err = sleep_on(CLOCK_MONOTONIC, false, &ts, &left);
	if (err == -EINTR && rem && copy_to_user(rem, &left, sizeof(left)))
		return -EFAULT;
	return err;
}
