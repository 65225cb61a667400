/* getsockname(2) */
#include "kernel/net/socket.h"
#include "sys.h"

long sys_getsockname(const uint64_t *args)
{
	return sock_getname((int)args[0], (void *)args[1], (void *)args[2], false);
}
