/* socketpair(2) */
#include "kernel/net/socket.h"
#include "sys.h"

SYSCALL_DEFINE4(socketpair, int, domain, int, type, int, protocol, int *, sv)
{
	return sock_socketpair(domain, type, protocol, sv);
}
