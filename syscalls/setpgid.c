/* setpgid(2): move the caller or a child of it into a process group of its session. */
#include "kernel/proc/proc.h"
#include "sys.h"

SYSCALL_DEFINE2(setpgid, int, pid, int, pgid)
{
	struct proc *self = proc_current();
	if (pgid < 0)
		return -EINVAL;
	struct proc *p = pid == 0 ? self : proc_find(pid);
	if (!p || (p != self && p->parent != self))
		return -ESRCH;
	if (p != self && p->did_exec)
		return -EACCES;
	if (p->sid != self->sid || p->sid == p->pid)
		return -EPERM;
	if (pgid == 0)
		pgid = p->pid;
	if (pgid != p->pid) {
		bool exists = false;
		for (struct proc *q = proc_next(0); q; q = proc_next(q))
			exists |= q->pgid == pgid && q->sid == self->sid;
		if (!exists)
			return -EPERM;
	}
	p->pgid = pgid;
	return 0;
}
