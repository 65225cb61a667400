/* close(2) */
#include "sys.h"

long sys_close(const uint64_t *args)
{
	return fd_close((int)args[0]);
}
