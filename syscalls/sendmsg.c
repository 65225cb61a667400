/* sendmsg(2) */
#include "kernel/net/socket.h"
#include "sys.h"

SYSCALL_DEFINE3(sendmsg, int, sockfd, const void *, msg, int, flags)
{
	return sock_sendmsg(sockfd, msg, flags);
}
