/* ftruncate(2) */
#include "drivers/monitor/hostfile.h"
#include "sys.h"

long sys_ftruncate(const uint64_t *args)
{
	struct file *f = fd_get((int)args[0]);
	if (!f)
		return -EBADF;
	if ((int64_t)args[1] < 0)
		return -EINVAL;
	if ((f->flags & O_ACCMODE) == 0)
		return -EINVAL;
	return hostfile_fileop(f->handle, HC_FILE_FTRUNCATE, args[1]);
}
