/* dup3(2) */
#include "sys.h"

SYSCALL_DEFINE3(dup3, int, oldfd, int, newfd, int, flags)
{
	if ((flags & ~O_CLOEXEC) || oldfd == newfd)
		return fd_get(oldfd) ? -EINVAL : -EBADF;
	if (newfd < 0)
		return -EBADF;
	return fd_dup(oldfd, newfd, 0, flags != 0);
}
