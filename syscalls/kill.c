/*
 * kill(2): a process (pid > 0), the caller's process group (0), a group
 * (< -1), or every process but the first and the caller (-1), as Linux does.
 */
#include "kernel/proc/proc.h"
#include "kernel/signal/signal.h"
#include "kernel/signal/sigsend.h"
#include "sys.h"

SYSCALL_DEFINE2(kill, int, pid, int, sig)
{
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (pid > 0) {
		struct proc *p = proc_find(pid);
		/* A zombie still exists: signalling it succeeds and does nothing. */
		return p ? sigsend(p, 0, sig, SI_USER) : -ESRCH;
	}
	if (pid == INT32_MIN)
		return -ESRCH;
	struct proc *self = proc_current();
	int group = pid == 0 ? self->pgid : -pid;
	bool found = false, self_too = false;
	for (struct proc *p = proc_next(0); p; p = proc_next(p)) {
		if (pid == -1 ? p->pid == PROC_PID || p == self : p->pgid != group)
			continue;
		found = true;
		/* The caller last: a signal that ends it must not cut the walk short. */
		if (p == self)
			self_too = true;
		else
			sigsend(p, 0, sig, SI_USER);
	}
	if (self_too)
		sigsend(self, 0, sig, SI_USER);
	return found ? 0 : -ESRCH;
}
