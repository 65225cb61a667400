/* close_range(2): close, or mark close-on-exec, every open descriptor from first to last. */
#include <linux/close_range.h>

#include "sys.h"

SYSCALL_DEFINE3(close_range, unsigned int, first, unsigned int, last, unsigned int, flags)
{
	if ((flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) || first > last)
		return -EINVAL;
	if (flags & CLOSE_RANGE_UNSHARE) {
		long err = files_unshare();
		if (err)
			return err;
	}
	if (first >= FD_CEILING)
		return 0;
	for (int fd = fd_next((int)first); fd >= 0 && (unsigned)fd <= last; fd = fd_next(fd + 1)) {
		if (flags & CLOSE_RANGE_CLOEXEC)
			fd_cloexec(fd, 1);
		else
			fd_close(fd);
	}
	return 0;
}
