/* readv(2) */
#include "sys.h"

SYSCALL_DEFINE3(readv, int, fd, const void *, iov, unsigned long, iovcnt)
{
	return fd_vector_io(fd, iov, iovcnt, false, -1);
}
