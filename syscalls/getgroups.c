/* getgroups(2): the calling process's supplementary groups. */
#include "kernel/proc/proc.h"
#include "sys.h"

SYSCALL_DEFINE2(getgroups, int, size, unsigned int *, list)
{
	const struct cred *c = &proc_current()->cred;
	if (size < 0 || (size && (uint32_t)size < c->ngroups))
		return -EINVAL;
	if (!size)
		return c->ngroups;
	return copy_to_user(list, c->groups, c->ngroups * sizeof(c->groups[0])) ? -EFAULT : (long)c->ngroups;
}
