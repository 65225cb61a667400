/* setsid(2): a new session and process group led by the caller, unless it leads a group already. */
#include "kernel/proc/proc.h"
#include "sys.h"

SYSCALL_DEFINE0(setsid)
{
	struct proc *self = proc_current();
	for (struct proc *p = proc_next(0); p; p = proc_next(p))
		if (p->pgid == self->pid)
			return -EPERM;
	self->sid = self->pgid = self->pid;
	self->ctty = 0;
	return self->sid;
}
