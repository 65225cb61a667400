/* fstat(2) */
#include "kernel/fs/kstat.h"
#include "sys.h"

SYSCALL_DEFINE2(fstat, int, fd, void *, statbuf)
{
	struct kstat st;
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	long err = f->ops->fstat(f, &st);
	return err ? err : copy_to_user(statbuf, &st, sizeof(st));
}
