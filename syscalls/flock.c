/* flock(2): on the host file, so host processes see the lock too; the host checks the operation. */
#include "drivers/monitor/hostfile.h"
#include "sys.h"

long sys_flock(const uint64_t *args)
{
	struct file *f = fd_get((int)args[0]);
	if (!f)
		return -EBADF;
	if (!file_is_host(f) || f->stream)
		return -EINVAL;
	hostfile_lock_taken();
	return hostfile_fileop(f->handle, HC_FILE_FLOCK, args[1]);
}
