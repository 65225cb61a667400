/* dup(2) */
#include "sys.h"

SYSCALL_DEFINE1(dup, int, oldfd)
{
	return fd_dup(oldfd, -1, 0, false);
}
