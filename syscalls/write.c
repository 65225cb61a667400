/* write(2) */
#include "sys.h"

SYSCALL_DEFINE3(write, int, fd, const void *, buf, size_t, count)
{
	struct kiovec iov = { (void *)buf, count < MAX_RW_COUNT ? count : MAX_RW_COUNT };
	return fd_writev(fd, &iov, 1, -1);
}
