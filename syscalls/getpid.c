/* getpid(2): the program is the first and only process of its machine. */
#include "kernel/proc/proc.h"
#include "kernel/proc/direct_syscall.h"
#include "sys.h"

SYSCALL_DEFINE0(getpid)
{
	return PROC_PID;
}

SYSCALL_LEAF(getpid);
