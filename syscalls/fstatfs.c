/* fstatfs(2) */
#include "kernel/fs/vfs.h"
#include "sys.h"

SYSCALL_DEFINE2(fstatfs, int, fd, struct statfs *, buf)
{
	struct statfs st;
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	long err = vfs_fstatfs(f, &st);
	return err < 0 ? err : copy_to_user(buf, &st, sizeof(st));
}
