/* fdatasync(2) */
#include "kernel/fs/vfs.h"
#include "sys.h"

SYSCALL_DEFINE1(fdatasync, int, fd)
{
	struct file *f = fd_get(fd);
	return f ? vfs_sync(f, HC_FILE_FDATASYNC) : -EBADF;
}
