/* clock_gettime(2) */
#include "kernel/time/time.h"
#include "sys.h"

long sys_clock_gettime(const uint64_t *args)
{
	struct ktimespec ts;
	long err = clock_read((int)args[0], &ts);
	return err ? err : copy_to_user((void *)args[1], &ts, sizeof(ts));
}
