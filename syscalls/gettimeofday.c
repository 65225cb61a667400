/* gettimeofday(2): the time zone argument is obsolete and reads as zero. */
#include "kernel/time/time.h"
#include "sys.h"

long sys_gettimeofday(const uint64_t *args)
{
	struct ktimespec ts;
	if (args[0]) {
		long err = clock_read(0, &ts);
		int64_t tv[2] = { ts.sec, ts.nsec / 1000 };
		if (err || copy_to_user((void *)args[0], tv, sizeof(tv)))
			return err ? err : -EFAULT;
	}
	int32_t tz[2] = { 0, 0 };
	return args[1] ? copy_to_user((void *)args[1], tz, sizeof(tz)) : 0;
}
