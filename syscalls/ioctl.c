/* ioctl(2) */
#include "sys.h"

long sys_ioctl(const uint64_t *args)
{
	struct file *f = fd_get((int)args[0]);
	if (!f)
		return -EBADF;
	return f->ops->ioctl ? f->ops->ioctl(f, (unsigned)args[1], args[2]) : -ENOTTY;
}
