/* read(2) */
#include "sys.h"

long sys_read(const uint64_t *args)
{
	struct kiovec iov = { (void *)args[1], args[2] < MAX_RW_COUNT ? args[2] : MAX_RW_COUNT };
	return fd_readv((int)args[0], &iov, 1, -1);
}
