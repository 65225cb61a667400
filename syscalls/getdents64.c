/* getdents64(2) */
#include "sys.h"

SYSCALL_DEFINE3(getdents64, int, fd, void *, dirp, size_t, count)
{
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	return f->ops->getdents ? f->ops->getdents(f, dirp, count) : -ENOTDIR;
}
