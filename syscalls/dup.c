/* dup(2) */
#include "sys.h"

long sys_dup(const uint64_t *args)
{
	return fd_dup((int)args[0], -1, 0, false);
}
