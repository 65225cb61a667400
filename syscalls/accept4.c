/* accept4(2) */
#include "kernel/net/socket.h"
#include "sys.h"

long sys_accept4(const uint64_t *args)
{
	return sock_accept((int)args[0], (void *)args[1], (void *)args[2], (int)args[3]);
}
