/* rt_sigaction(2): dispositions are recorded; handlers are not called yet. */
#include "kernel/signal/signal.h"
#include "sys.h"


long sys_rt_sigaction(const uint64_t *args)
{
	int sig = (int)args[0];
	struct ksigaction act;
	if (args[3] != sizeof(uint64_t) || sig < 1 || sig > NSIG)
		return -EINVAL;
	if (args[1] && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (args[1] && copy_from_user(&act, (const void *)args[1], sizeof(act)))
		return -EFAULT;
	if (args[2] && copy_to_user((void *)args[2], &sig_actions[sig], sizeof(act)))
		return -EFAULT;
	if (args[1])
		sig_actions[sig] = act;
	return 0;
}
