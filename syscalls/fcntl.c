/* fcntl(2): descriptors, status flags, and record locks (POSIX and OFD). */
#include "kernel/fs/reclock.h"
#include "kernel/fs/vfs.h"
#include "sys.h"

#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME)

static long record_lock(struct file *f, unsigned cmd, struct flock *ufl)
{
	struct flock fl;
	if (copy_from_user(&fl, ufl, sizeof(fl)))
		return -EFAULT;
	long r = reclock_fcntl(f, cmd, &fl);
	bool get = cmd == F_GETLK || cmd == F_OFD_GETLK;
	if (r == 0 && get && copy_to_user(ufl, &fl, sizeof(fl)))
		return -EFAULT;
	return r;
}

SYSCALL_DEFINE3(fcntl, int, fd, int, cmd, unsigned long, arg)
{
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= FD_CEILING)
			return -EINVAL;
		return fd_dup(fd, -1, (int)arg, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return fd_cloexec(fd, -1) ? FD_CLOEXEC : 0;
	case F_SETFD:
		fd_cloexec(fd, (arg & FD_CLOEXEC) != 0);
		return 0;
	case F_GETFL:
		return f->flags & ~O_CLOEXEC;
	case F_SETFL:
		f->flags = (f->flags & ~SETFL_MASK) | ((int)arg & SETFL_MASK);
		return 0;
	case F_GETLK: case F_SETLK: case F_SETLKW:
	case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
		return record_lock(f, (unsigned)cmd, (struct flock *)arg);
	default:
		return -EINVAL;
	}
}
