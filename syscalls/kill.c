/* kill(2): the program is the only process; its pid, 0 and -1 name it. */
#include "kernel/proc/proc.h"
#include "kernel/signal/signal.h"
#include "kernel/signal/sigsend.h"
#include "sys.h"

SYSCALL_DEFINE2(kill, int, pid, int, sig)
{
	if (pid != PROC_PID && pid != 0 && pid != -1 && pid != -PROC_PID)
		return sig < 0 || sig > NSIG ? -EINVAL : -ESRCH;
	return sigsend(0, sig, SI_USER);
}
