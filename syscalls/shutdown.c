/* shutdown(2) */
#include "kernel/net/socket.h"
#include "sys.h"

SYSCALL_DEFINE2(shutdown, int, sockfd, int, how)
{
	return sock_shutdown(sockfd, how);
}
