/* time(2) */
#include "kernel/time/time.h"
#include "sys.h"

SYSCALL_DEFINE1(time, int64_t *, tloc)
{
	struct ktimespec ts;
	long err = clock_read(0, &ts);
	if (err)
		return err;
	if (tloc && copy_to_user(tloc, &ts.sec, sizeof(ts.sec)))
		return -EFAULT;
	return ts.sec;
}
