/* clock_getres(2) */
#include "kernel/time/time.h"
#include "sys.h"

long sys_clock_getres(const uint64_t *args)
{
	struct ktimespec ts;
	long err = clock_resolution((int)args[0], &ts);
	if (err)
		return err;
	return args[1] ? copy_to_user((void *)args[1], &ts, sizeof(ts)) : 0;
}
