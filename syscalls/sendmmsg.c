/* sendmmsg(2) */
#include "kernel/net/socket.h"
#include "sys.h"

SYSCALL_DEFINE4(sendmmsg, int, sockfd, void *, msgvec, unsigned int, vlen, int, flags)
{
	return sock_sendmmsg(sockfd, msgvec, vlen, flags);
}
