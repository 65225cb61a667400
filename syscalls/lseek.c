/* lseek(2) */
#include "kernel/fs/vfs.h"
#include "sys.h"

SYSCALL_DEFINE3(lseek, int, fd, int64_t, offset, int, whence)
{
	struct file *f = fd_get(fd);
	return f ? vfs_lseek(f, offset, whence) : -EBADF;
}
