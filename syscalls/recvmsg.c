/* recvmsg(2) */
#include "kernel/net/socket.h"
#include "sys.h"

long sys_recvmsg(const uint64_t *args)
{
	return sock_recvmsg((int)args[0], (void *)args[1], (int)args[2]);
}
