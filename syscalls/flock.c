/* flock(2): host files only, whose host checks the operation. */
#include "kernel/fs/vfs.h"
#include "sys.h"

SYSCALL_DEFINE2(flock, int, fd, int, operation)
{
	struct file *f = fd_get(fd);
	return f ? vfs_flock(f, operation) : -EBADF;
}
