/* shutdown(2) */
#include "kernel/net/socket.h"
#include "sys.h"

long sys_shutdown(const uint64_t *args)
{
	return sock_shutdown((int)args[0], (int)args[1]);
}
