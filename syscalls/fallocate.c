/* fallocate(2): on the host file, which checks the mode and the range. */
#include "drivers/monitor/hostfile.h"
#include "sys.h"

long sys_fallocate(const uint64_t *args)
{
	struct file *f = fd_get((int)args[0]);
	if (!f)
		return -EBADF;
	if ((f->flags & O_ACCMODE) == 0 /* O_RDONLY */)
		return -EBADF;
	if (f->stream)
		return -ESPIPE; /* pipes and the like */
	if (!file_is_host(f))
		return -ENODEV;
	return hostfile_fileop3(f->handle, HC_FILE_FALLOCATE, args[1], args[2], args[3]);
}
