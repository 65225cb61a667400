/* socket(2) */
#include "kernel/net/socket.h"
#include "sys.h"

long sys_socket(const uint64_t *args)
{
	return sock_socket((int)args[0], (int)args[1], (int)args[2]);
}
