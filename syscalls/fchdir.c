/* fchdir(2) */
#include "kernel/fs/open.h"
#include "kernel/fs/path.h"
#include "sys.h"

SYSCALL_DEFINE1(fchdir, int, fd)
{
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	long err = f->path ? file_is_dir(f->path) : -ENOTDIR;
	if (err < 0)
		return err;
	path_set_cwd(f->path);
	return 0;
}
