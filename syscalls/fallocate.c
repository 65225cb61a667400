/* fallocate(2) */
#include "kernel/fs/vfs.h"
#include "sys.h"

SYSCALL_DEFINE4(fallocate, int, fd, int, mode, int64_t, offset, int64_t, len)
{
	struct file *f = fd_get(fd);
	return f ? vfs_fallocate(f, mode, offset, len) : -EBADF;
}
