/* fadvise64(2): checked as Linux checks it, then the advice is not needed (no page cache). */
#include <linux/fadvise.h>

#include "kernel/fs/kstat.h"
#include "sys.h"

SYSCALL_DEFINE4(fadvise64, int, fd, int64_t, offset, int64_t, len, int, advice)
{
	(void)offset;
	struct kstat st;
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	long err = f->ops->fstat(f, &st);
	if (err < 0)
		return err;
	if ((st.mode & S_IFMT) == S_IFIFO)
		return -ESPIPE;
	if (len < 0 || advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE)
		return -EINVAL;
	return 0;
}
