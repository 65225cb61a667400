/* bind(2) */
#include "kernel/net/socket.h"
#include "sys.h"

long sys_bind(const uint64_t *args)
{
	return sock_bind((int)args[0], (const void *)args[1], (uint32_t)args[2]);
}
