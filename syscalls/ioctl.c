/* ioctl(2): close-on-exec and FIONBIO here; terminal and FIONREAD requests go to the file. */
#include <asm-generic/fcntl.h>

#include "sys.h"


long sys_ioctl(const uint64_t *args)
{
	struct file *f = fd_get((int)args[0]);
	if (!f)
		return -EBADF;
	if (args[1] == FIOCLEX || args[1] == FIONCLEX) {
		fd_cloexec((int)args[0], args[1] == FIOCLEX);
		return 0;
	}
	if (args[1] == FIONBIO) {
		int on;
		if (copy_from_user(&on, (const void *)args[2], sizeof(on)))
			return -EFAULT;
		f->flags = on ? f->flags | O_NONBLOCK : f->flags & ~O_NONBLOCK;
		return 0;
	}
	return f->ops->ioctl ? f->ops->ioctl(f, (unsigned)args[1], args[2]) : -ENOTTY;
}
