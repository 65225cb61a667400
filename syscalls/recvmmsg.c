/* recvmmsg(2) */
#include "kernel/net/socket.h"
#include "sys.h"

long sys_recvmmsg(const uint64_t *args)
{
	return sock_recvmmsg((int)args[0], (void *)args[1], (unsigned)args[2], (int)args[3], (void *)args[4]);
}
