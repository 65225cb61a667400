/* fchown(2) */
#include "kernel/fs/vfs.h"
#include "sys.h"

SYSCALL_DEFINE3(fchown, int, fd, uint32_t, owner, uint32_t, group)
{
	struct file *f = fd_get(fd);
	return f ? vfs_fchown(f, owner, group) : -EBADF;
}
