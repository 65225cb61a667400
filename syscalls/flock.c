/* flock(2): decided between the machine's processes by kernel/fs/flocks.c. */
#include "kernel/fs/flocks.h"
#include "sys.h"

SYSCALL_DEFINE2(flock, int, fd, int, operation)
{
	/* As on Linux: LOCK_MAND ignored (since 5.18), the operation checked before the descriptor. */
	if (operation & LOCK_MAND)
		return 0;
	int type = operation & ~LOCK_NB;
	if (type != LOCK_SH && type != LOCK_EX && type != LOCK_UN)
		return -EINVAL;
	/* A reference of its own: another thread's close while it waits cannot release the file. */
	struct file *f = fd_hold(fd);
	if (!f)
		return -EBADF;
	long r = flocks_flock(f, operation);
	file_put(f);
	return r;
}
