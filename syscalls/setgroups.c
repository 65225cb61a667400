/* setgroups(2): a privileged process's supplementary groups (at most CRED_GROUPS_MAX here). */
#include "kernel/proc/proc.h"
#include "sys.h"

#define NGROUPS_MAX 65536

SYSCALL_DEFINE2(setgroups, int, size, const unsigned int *, list)
{
	struct cred *c = &proc_current()->cred;
	if (size < 0 || size > NGROUPS_MAX)
		return -EINVAL;
	if (c->uid[CRED_EFFECTIVE] != 0)
		return -EPERM;
	if (size > CRED_GROUPS_MAX)
		return -EINVAL;
	uint32_t groups[CRED_GROUPS_MAX];
	if (copy_from_user(groups, list, (size_t)size * sizeof(groups[0])))
		return -EFAULT;
	memcpy(c->groups, groups, (size_t)size * sizeof(groups[0]));
	c->ngroups = (uint32_t)size;
	return 0;
}
