/* dup2(2) */
#include "sys.h"

long sys_dup2(const uint64_t *args)
{
	if ((int)args[1] < 0)
		return -EBADF;
	if (args[0] == args[1])
		return fd_get((int)args[0]) ? (long)args[1] : -EBADF;
	return fd_dup((int)args[0], (int)args[1], 0, false);
}
