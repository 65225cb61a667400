/* pwritev(2): the offset comes in two halves, the high one being 0 on x86-64. */
#include "sys.h"

SYSCALL_DEFINE4(pwritev, int, fd, const void *, iov, unsigned long, iovcnt, int64_t, offset)
{
	if (offset < 0)
		return fd_get(fd) ? -EINVAL : -EBADF;
	return fd_vector_io(fd, iov, iovcnt, true, offset);
}
