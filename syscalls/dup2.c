/* dup2(2) */
#include "sys.h"

SYSCALL_DEFINE2(dup2, int, oldfd, int, newfd)
{
	if (newfd < 0)
		return -EBADF;
	if (oldfd == newfd)
		return fd_get(oldfd) ? newfd : -EBADF;
	return fd_dup(oldfd, newfd, 0, false);
}
