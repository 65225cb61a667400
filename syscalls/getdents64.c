/* getdents64(2) */
#include "sys.h"

long sys_getdents64(const uint64_t *args)
{
	struct file *f = fd_get((int)args[0]);
	if (!f)
		return -EBADF;
	return f->ops->getdents ? f->ops->getdents(f, (void *)args[1], args[2]) : -ENOTDIR;
}
