/* preadv(2): the offset comes in two halves, the high one being 0 on x86-64. */
#include "sys.h"

long sys_preadv(const uint64_t *args)
{
	int64_t offset = (int64_t)args[3];
	if (offset < 0)
		return fd_get((int)args[0]) ? -EINVAL : -EBADF;
	return fd_vector_io((int)args[0], (const void *)args[1], (long)args[2], false, offset);
}
