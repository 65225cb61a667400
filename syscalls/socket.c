/* socket(2) */
#include "kernel/net/socket.h"
#include "sys.h"

SYSCALL_DEFINE3(socket, int, domain, int, type, int, protocol)
{
	return sock_socket(domain, type, protocol);
}
