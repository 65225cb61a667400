/* close(2) */
#include "sys.h"

SYSCALL_DEFINE1(close, int, fd)
{
	return fd_close(fd);
}
