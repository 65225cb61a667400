/* setsockopt(2) */
#include "kernel/net/socket.h"
#include "sys.h"

SYSCALL_DEFINE5(setsockopt, int, sockfd, int, level, int, optname, const void *, optval, unsigned int, optlen)
{
	return sock_setsockopt(sockfd, level, optname, optval, optlen);
}
