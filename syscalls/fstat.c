/* fstat(2) */
#include "kernel/fs/kstat.h"
#include "sys.h"

long sys_fstat(const uint64_t *args)
{
	struct kstat st;
	struct file *f = fd_get((int)args[0]);
	if (!f)
		return -EBADF;
	long err = f->ops->fstat(f, &st);
	return err ? err : copy_to_user((void *)args[1], &st, sizeof(st));
}
