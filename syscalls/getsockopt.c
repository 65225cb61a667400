/* getsockopt(2) */
#include "kernel/net/socket.h"
#include "sys.h"

SYSCALL_DEFINE5(getsockopt, int, sockfd, int, level, int, optname, void *, optval, unsigned int *, optlen)
{
	return sock_getsockopt(sockfd, level, optname, optval, optlen);
}
