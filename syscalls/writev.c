/* writev(2) */
#include "sys.h"

long sys_writev(const uint64_t *args)
{
	struct kiovec iov[64];
	long n = (long)args[2];
	if (n > (long)ARRAY_SIZE(iov))
		n = (long)ARRAY_SIZE(iov); /* a short write is allowed */
	n = fd_copy_iov(iov, (const void *)args[1], n);
	return n < 0 ? n : fd_writev((int)args[0], iov, (int)n);
}
