/* read(2) */
#include "sys.h"

SYSCALL_DEFINE3(read, int, fd, void *, buf, size_t, count)
{
	struct kiovec iov = { buf, count < MAX_RW_COUNT ? count : MAX_RW_COUNT };
	return fd_readv(fd, &iov, 1, -1);
}
