/* getgroups(2): the supplementary groups of the user who ran uhyve-run. */
#include "sys.h"

SYSCALL_DEFINE2(getgroups, int, size, unsigned int *, list)
{
	uint32_t n = boot->ngroups;
	if (size < 0 || (size && (uint32_t)size < n))
		return -EINVAL;
	if (!size)
		return n;
	return copy_to_user(list, boot->groups, n * sizeof(boot->groups[0])) ? -EFAULT : (long)n;
}
