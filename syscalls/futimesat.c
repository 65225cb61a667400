/* futimesat(2): utimensat with microseconds and no flags. */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE3(futimesat, int, dirfd, const char *, pathname, const struct timeval *, times)
{
	int64_t tv[4], ts[4];
	if (!times)
		return file_utimens(dirfd, pathname, 0, 0);
	if (copy_from_user(tv, times, sizeof(tv)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (tv[2 * i + 1] < 0 || tv[2 * i + 1] >= 1000000)
			return -EINVAL;
		ts[2 * i] = tv[2 * i];
		ts[2 * i + 1] = tv[2 * i + 1] * 1000;
	}
	return file_utimens(dirfd, pathname, ts, 0);
}
