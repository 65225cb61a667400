/* fcntl(2): descriptors, status flags, and record locks (POSIX and OFD) on host files. */
#include "drivers/monitor/hostfile.h"
#include "sys.h"

#define SETFL_MASK (O_APPEND | 04000 | 040000 | 01000000) /* O_APPEND, O_NONBLOCK, O_DIRECT, O_NOATIME */

/* struct flock */
struct kflock {
	int16_t type, whence;
	int64_t start, len;
	int32_t pid, pad;
};

/* On the host file, which host processes see too; a start from the position becomes absolute here. */
static long record_lock(struct file *f, unsigned cmd, void *ufl)
{
	static struct kflock fl;
	if (copy_from_user(&fl, ufl, sizeof(fl)))
		return -EFAULT;
	if (!file_is_host(f))
		return -EINVAL;
	if (fl.whence == SEEK_CUR) {
		int64_t pos = file_pos(f);
		if (fl.start < 0 && pos < -fl.start)
			return -EINVAL;
		fl.start += pos;
		fl.whence = 0;
	}
	bool get = cmd == F_GETLK || cmd == F_OFD_GETLK;
	if (!get)
		hostfile_lock_taken();
	long r = hostfile_fileop3(f->handle, HC_FILE_LOCK, cmd, virt_to_phys(&fl), 0);
	if (r == 0 && get && copy_to_user(ufl, &fl, sizeof(fl)))
		return -EFAULT;
	return r;
}

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
	case F_GETLK: case F_SETLK: case F_SETLKW:
	case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
		return record_lock(f, (unsigned)args[1], (void *)args[2]);
	default:
		return -EINVAL;
	}
}
