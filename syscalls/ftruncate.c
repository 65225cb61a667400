/* ftruncate(2) */
#include "kernel/fs/vfs.h"
#include "sys.h"

SYSCALL_DEFINE2(ftruncate, int, fd, int64_t, length)
{
	struct file *f = fd_get(fd);
	return f ? vfs_ftruncate(f, length) : -EBADF;
}
