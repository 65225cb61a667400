/* recvfrom(2), and recv(2) through it */
#include "kernel/net/socket.h"
#include "sys.h"

long sys_recvfrom(const uint64_t *args)
{
	struct kiovec iov = { (void *)args[1], args[2] };
	return sock_recvfrom((int)args[0], &iov, 1, (int)args[3], (void *)args[4], (void *)args[5], 0);
}
