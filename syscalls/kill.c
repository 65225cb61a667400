/* kill(2): the program is the only process; its pid, 0 and -1 name it. */
#include "kernel/proc/proc.h"
#include "kernel/signal/signal.h"
#include "kernel/signal/sigsend.h"
#include "sys.h"

long sys_kill(const uint64_t *args)
{
	int pid = (int)args[0];
	if (pid != PROC_PID && pid != 0 && pid != -1 && pid != -PROC_PID)
		return (long)args[1] < 0 || (long)args[1] > NSIG ? -EINVAL : -ESRCH;
	return sigsend(0, (long)args[1], SI_USER);
}
