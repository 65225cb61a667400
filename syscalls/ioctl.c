/* ioctl(2): close-on-exec and FIONBIO here; terminal and FIONREAD requests go to the file. */
#include "sys.h"

SYSCALL_DEFINE3(ioctl, int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	if (cmd == FIOCLEX || cmd == FIONCLEX) {
		fd_cloexec(fd, cmd == FIOCLEX);
		return 0;
	}
	if (cmd == FIONBIO) {
		int on;
		if (copy_from_user(&on, (const void *)arg, sizeof(on)))
			return -EFAULT;
		f->flags = on ? f->flags | O_NONBLOCK : f->flags & ~O_NONBLOCK;
		return 0;
	}
	return f->ops->ioctl ? f->ops->ioctl(f, cmd, arg) : -ENOTTY;
}
