/* readv(2) */
#include "sys.h"

long sys_readv(const uint64_t *args)
{
	return fd_vector_io((int)args[0], (const void *)args[1], (long)args[2], false, -1);
}
