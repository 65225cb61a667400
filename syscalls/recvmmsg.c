/* recvmmsg(2) */
#include "kernel/net/socket.h"
#include "sys.h"

SYSCALL_DEFINE5(recvmmsg, int, sockfd, void *, msgvec, unsigned int, vlen, int, flags, void *, timeout)
{
	return sock_recvmmsg(sockfd, msgvec, vlen, flags, timeout);
}
