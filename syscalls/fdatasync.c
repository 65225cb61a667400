/* fdatasync(2) */
#include "kernel/fs/hostfs.h"
#include "sys.h"

long sys_fdatasync(const uint64_t *args)
{
	struct file *f = fd_get((int)args[0]);
	return f ? hostfile_sync(f, HC_FILE_FDATASYNC) : -EBADF;
}
