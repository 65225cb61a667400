/* clock_gettime(2) */
#include "kernel/time/time.h"
#include "sys.h"

SYSCALL_DEFINE2(clock_gettime, int, clockid, struct timespec *, tp)
{
	struct ktimespec ts;
	long err = clock_read(clockid, &ts);
	return err ? err : copy_to_user(tp, &ts, sizeof(ts));
}
