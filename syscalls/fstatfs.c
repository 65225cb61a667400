/* fstatfs(2): host files only; the kernel's own files have no file system to report. */
#include "drivers/monitor/hostfile.h"
#include "sys.h"

long sys_fstatfs(const uint64_t *args)
{
	static uint64_t buf[HC_STATFS_SIZE / 8];
	struct file *f = fd_get((int)args[0]);
	if (!f)
		return -EBADF;
	if (!file_is_host(f))
		return -ENOSYS;
	long err = hostfile_statfs(0, f->handle, buf);
	return err < 0 ? err : copy_to_user((void *)args[1], buf, sizeof(buf));
}
