/* listen(2) */
#include "kernel/net/socket.h"
#include "sys.h"

SYSCALL_DEFINE2(listen, int, sockfd, int, backlog)
{
	return sock_listen(sockfd, backlog);
}
