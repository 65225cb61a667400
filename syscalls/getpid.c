/* getpid(2): the program is the first and only process of its machine. */
#include "kernel/proc/proc.h"
#include "kernel/proc/direct_syscall.h"
#include "sys.h"

long sys_getpid(const uint64_t *args)
{
	(void)args;
	return PROC_PID;
}

SYSCALL_LEAF(getpid);
