/* bind(2) */
#include "kernel/net/socket.h"
#include "sys.h"

SYSCALL_DEFINE3(bind, int, sockfd, const void *, addr, unsigned int, addrlen)
{
	return sock_bind(sockfd, addr, addrlen);
}
