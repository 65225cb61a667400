/* accept4(2) */
#include "kernel/net/socket.h"
#include "sys.h"

SYSCALL_DEFINE4(accept4, int, sockfd, void *, addr, unsigned int *, addrlen, int, flags)
{
	return sock_accept(sockfd, addr, addrlen, flags);
}
