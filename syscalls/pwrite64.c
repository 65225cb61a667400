/* pwrite64(2) */
#include "sys.h"

SYSCALL_DEFINE4(pwrite64, int, fd, const void *, buf, size_t, count, int64_t, offset)
{
	struct kiovec iov = { (void *)buf, count < MAX_RW_COUNT ? count : MAX_RW_COUNT };
	if (offset < 0)
		return fd_get(fd) ? -EINVAL : -EBADF;
	return fd_writev(fd, &iov, 1, offset);
}
