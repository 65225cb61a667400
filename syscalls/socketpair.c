/* socketpair(2) */
#include "kernel/net/socket.h"
#include "sys.h"

long sys_socketpair(const uint64_t *args)
{
	return sock_socketpair((int)args[0], (int)args[1], (int)args[2], (int *)args[3]);
}
