/* getsockopt(2) */
#include "kernel/net/socket.h"
#include "sys.h"

long sys_getsockopt(const uint64_t *args)
{
	return sock_getsockopt((int)args[0], (int)args[1], (int)args[2], (void *)args[3], (void *)args[4]);
}
