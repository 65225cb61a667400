/* ioctl(2): close-on-exec here; terminal and FIONREAD requests go to the file. */
#include "sys.h"

#define FIONCLEX 0x5450
#define FIOCLEX 0x5451

long sys_ioctl(const uint64_t *args)
{
	struct file *f = fd_get((int)args[0]);
	if (!f)
		return -EBADF;
	if (args[1] == FIOCLEX || args[1] == FIONCLEX) {
		fd_cloexec((int)args[0], args[1] == FIOCLEX);
		return 0;
	}
	return f->ops->ioctl ? f->ops->ioctl(f, (unsigned)args[1], args[2]) : -ENOTTY;
}
