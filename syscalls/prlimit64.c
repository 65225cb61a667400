/*
 * prlimit64(2): limits of the calling process (pid 0) or another, which the caller may
 * change only if all its user and group ids are the caller's real ones, or as root.
 */
#include "kernel/proc/proc.h"
#include "kernel/proc/rlimit.h"
#include "sys.h"

static bool may_touch(const struct proc *p)
{
	const struct cred *me = &proc_current()->cred, *it = &p->cred;
	if (me->uid[CRED_EFFECTIVE] == 0)
		return true;
	for (int i = CRED_REAL; i <= CRED_SAVED; i++)
		if (it->uid[i] != me->uid[CRED_REAL] || it->gid[i] != me->gid[CRED_REAL])
			return false;
	return true;
}

SYSCALL_DEFINE4(prlimit64, int, pid, unsigned int, resource, const struct rlimit64 *, new_limit,
		struct rlimit64 *, old_limit)
{
	struct proc *p = pid == 0 ? proc_current() : pid > 0 ? proc_find(pid) : 0;
	if (!p || p->zombie)
		return -ESRCH;
	if (p != proc_current() && !may_touch(p))
		return -EPERM;
	return rlimit_swap(p, resource, new_limit, old_limit);
}
