/* connect(2) */
#include "kernel/net/socket.h"
#include "sys.h"

SYSCALL_DEFINE3(connect, int, sockfd, const void *, addr, unsigned int, addrlen)
{
	return sock_connect(sockfd, addr, addrlen);
}
