/* gettimeofday(2): the time zone argument is obsolete and reads as zero. */
#include "kernel/time/time.h"
#include "sys.h"

SYSCALL_DEFINE2(gettimeofday, struct timeval *, tv, struct timezone *, tz)
{
	struct ktimespec ts;
	if (tv) {
		long err = clock_read(0, &ts);
		int64_t now[2] = { ts.sec, ts.nsec / 1000 };
		if (err || copy_to_user(tv, now, sizeof(now)))
			return err ? err : -EFAULT;
	}
	int32_t zone[2] = { 0, 0 };
	return tz ? copy_to_user(tz, zone, sizeof(zone)) : 0;
}
