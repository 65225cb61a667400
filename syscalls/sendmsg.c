/* sendmsg(2) */
#include "kernel/net/socket.h"
#include "sys.h"

long sys_sendmsg(const uint64_t *args)
{
	return sock_sendmsg((int)args[0], (const void *)args[1], (int)args[2]);
}
