/* recvmsg(2) */
#include "kernel/net/socket.h"
#include "sys.h"

SYSCALL_DEFINE3(recvmsg, int, sockfd, void *, msg, int, flags)
{
	return sock_recvmsg(sockfd, msg, flags);
}
