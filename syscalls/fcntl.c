/* fcntl(2): descriptors and status flags; record locks are not implemented yet. */
#include "sys.h"

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1
#define SETFL_MASK (O_APPEND_ | 04000 | 040000 | 01000000) /* O_APPEND, O_NONBLOCK, O_DIRECT, O_NOATIME */

long sys_fcntl(const uint64_t *args)
{
	int fd = (int)args[0];
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	switch (args[1]) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (args[2] >= FD_MAX)
			return -EINVAL;
		return fd_dup(fd, -1, (int)args[2], args[1] == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return fd_cloexec(fd, -1) ? FD_CLOEXEC : 0;
	case F_SETFD:
		fd_cloexec(fd, (args[2] & FD_CLOEXEC) != 0);
		return 0;
	case F_GETFL:
		return f->flags & ~02000000;
	case F_SETFL:
		f->flags = (f->flags & ~SETFL_MASK) | ((int)args[2] & SETFL_MASK);
		return 0;
	default:
		return -EINVAL;
	}
}
