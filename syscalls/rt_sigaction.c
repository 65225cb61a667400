/* rt_sigaction(2): the calling process's disposition of a signal. */
#include "kernel/proc/proc.h"
#include "kernel/signal/signal.h"
#include "sys.h"

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct ksigaction *, act, struct ksigaction *, oact, size_t, sigsetsize)
{
	struct proc *p = proc_current();
	struct ksigaction next;
	if (sigsetsize != sizeof(uint64_t) || sig < 1 || sig > NSIG)
		return -EINVAL;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (act && copy_from_user(&next, act, sizeof(next)))
		return -EFAULT;
	if (oact && copy_to_user(oact, &p->actions[sig], sizeof(next)))
		return -EFAULT;
	if (act)
		p->actions[sig] = next;
	return 0;
}
