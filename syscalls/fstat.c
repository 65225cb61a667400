/* fstat(2) */
#include "sys.h"

long sys_fstat(const uint64_t *args)
{
	struct file *f = fd_get((int)args[0]);
	if (!f)
		return -EBADF;
	return f->ops->fstat(f, (void *)args[1]);
}
