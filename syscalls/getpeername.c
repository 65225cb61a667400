/* getpeername(2) */
#include "kernel/net/socket.h"
#include "sys.h"

SYSCALL_DEFINE3(getpeername, int, sockfd, void *, addr, unsigned int *, addrlen)
{
	return sock_getname(sockfd, addr, addrlen, true);
}
