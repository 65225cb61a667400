/* clock_getres(2) */
#include "kernel/time/time.h"
#include "sys.h"

SYSCALL_DEFINE2(clock_getres, int, clockid, struct timespec *, res)
{
	struct ktimespec ts;
	long err = clock_resolution(clockid, &ts);
	if (err)
		return err;
	return res ? copy_to_user(res, &ts, sizeof(ts)) : 0;
}
