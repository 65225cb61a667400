/* fchmod(2) */
#include "kernel/fs/vfs.h"
#include "sys.h"

SYSCALL_DEFINE2(fchmod, int, fd, unsigned, mode)
{
	struct file *f = fd_get(fd);
	return f ? vfs_fchmod(f, mode) : -EBADF;
}
