/* sendto(2), and send(2) through it */
#include "kernel/net/socket.h"
#include "sys.h"

long sys_sendto(const uint64_t *args)
{
	struct kiovec iov = { (void *)args[1], args[2] };
	return sock_sendto((int)args[0], &iov, 1, (int)args[3], (const void *)args[4], (uint32_t)args[5]);
}
