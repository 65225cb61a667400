/* listen(2) */
#include "kernel/net/socket.h"
#include "sys.h"

long sys_listen(const uint64_t *args)
{
	return sock_listen((int)args[0], (int)args[1]);
}
