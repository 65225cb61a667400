/* recvfrom(2), and recv(2) through it */
#include "kernel/net/socket.h"
#include "sys.h"

SYSCALL_DEFINE6(recvfrom, int, sockfd, void *, buf, size_t, len, int, flags, void *, src_addr, void *, addrlen)
{
	struct kiovec iov = { buf, len };
	return sock_recvfrom(sockfd, &iov, 1, flags, src_addr, addrlen, 0);
}
