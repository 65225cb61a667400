/* setsockopt(2) */
#include "kernel/net/socket.h"
#include "sys.h"

long sys_setsockopt(const uint64_t *args)
{
	return sock_setsockopt((int)args[0], (int)args[1], (int)args[2], (const void *)args[3], (uint32_t)args[4]);
}
