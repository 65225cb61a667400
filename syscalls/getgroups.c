/* getgroups(2): the supplementary groups of the user who ran uhyve-run. */
#include "sys.h"

long sys_getgroups(const uint64_t *args)
{
	int size = (int)args[0];
	uint32_t n = boot->ngroups;
	if (size < 0 || (size && (uint32_t)size < n))
		return -EINVAL;
	if (!size)
		return n;
	return copy_to_user((void *)args[1], boot->groups, n * sizeof(boot->groups[0])) ? -EFAULT : (long)n;
}
