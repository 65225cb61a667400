/* fchmod(2) */
#include "drivers/monitor/hostfile.h"
#include "sys.h"

long sys_fchmod(const uint64_t *args)
{
	struct file *f = fd_get((int)args[0]);
	if (!f)
		return -EBADF;
	return hostfile_fileop(f->handle, HC_FILE_FCHMOD, args[1] & 07777);
}
