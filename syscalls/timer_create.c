/* timer_create(2) */
#include "kernel/time/ptimer.h"
#include "sys.h"

SYSCALL_DEFINE3(timer_create, int, clockid, void *, sevp, int *, timerid)
{
	return ptimer_create(clockid, sevp, timerid);
}
