/* nanosleep(2) on CLOCK_MONOTONIC. */
#include "kernel/time/sleep.h"
#include "sys.h"

long sys_nanosleep(const uint64_t *args)
{
	struct ktimespec ts, left;
	if (copy_from_user(&ts, (const void *)args[0], sizeof(ts)))
		return -EFAULT;
	if (!timespec_valid(&ts))
		return -EINVAL;
	long err = sleep_on(CLOCK_MONOTONIC, false, &ts, &left);
	if (err == -EINTR && args[1] && copy_to_user((void *)args[1], &left, sizeof(left)))
		return -EFAULT;
	return err;
}
