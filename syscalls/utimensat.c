/* utimensat(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE4(utimensat, int, dirfd, const char *, pathname, const int64_t *, times, int, flags)
{
	int64_t ts[4];
	if (times && copy_from_user(ts, times, sizeof(ts)))
		return -EFAULT;
	return file_utimens(dirfd, pathname, times ? ts : 0, flags);
}
