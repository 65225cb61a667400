/* sendto(2), and send(2) through it */
#include "kernel/net/socket.h"
#include "sys.h"

SYSCALL_DEFINE6(sendto, int, sockfd, const void *, buf, size_t, len, int, flags, const void *, dest_addr, unsigned int,
		addrlen)
{
	struct kiovec iov = { (void *)buf, len };
	return sock_sendto(sockfd, &iov, 1, flags, dest_addr, addrlen);
}
