/* accept(2) */
#include "kernel/net/socket.h"
#include "sys.h"

SYSCALL_DEFINE3(accept, int, sockfd, void *, addr, unsigned int *, addrlen)
{
	return sock_accept(sockfd, addr, addrlen, 0);
}
