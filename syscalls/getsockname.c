/* getsockname(2) */
#include "kernel/net/socket.h"
#include "sys.h"

SYSCALL_DEFINE3(getsockname, int, sockfd, void *, addr, unsigned int *, addrlen)
{
	return sock_getname(sockfd, addr, addrlen, false);
}
