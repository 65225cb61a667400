/* pwrite64(2) */
#include "sys.h"

long sys_pwrite64(const uint64_t *args)
{
	struct kiovec iov = { (void *)args[1], args[2] < MAX_RW_COUNT ? args[2] : MAX_RW_COUNT };
	if ((int64_t)args[3] < 0)
		return fd_get((int)args[0]) ? -EINVAL : -EBADF;
	return fd_writev((int)args[0], &iov, 1, (int64_t)args[3]);
}
