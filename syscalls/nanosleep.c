/* nanosleep(2) on CLOCK_MONOTONIC. */
#include "kernel/sleep.h"
#include "sys.h"

long sys_nanosleep(const uint64_t *args)
{
	struct ktimespec ts, left;
	if (copy_from_user(&ts, (const void *)args[0], sizeof(ts)))
		return -EFAULT;
	if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= NSEC_PER_SEC)
		return -EINVAL;
	long err = sleep_on(CLOCK_MONOTONIC, false, &ts, &left);
	if (err == -EINTR && args[1] && copy_to_user((void *)args[1], &left, sizeof(left)))
		return -EFAULT;
	return err;
}
