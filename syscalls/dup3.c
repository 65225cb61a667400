/* dup3(2) */
#include "sys.h"

#define O_CLOEXEC_ 02000000

long sys_dup3(const uint64_t *args)
{
	if ((args[2] & ~(uint64_t)O_CLOEXEC_) || args[0] == args[1])
		return fd_get((int)args[0]) ? -EINVAL : -EBADF;
	if ((int)args[1] < 0)
		return -EBADF;
	return fd_dup((int)args[0], (int)args[1], 0, args[2] != 0);
}
