/* getpid(2): the calling thread's process. */
#include "kernel/proc/direct_syscall.h"
#include "kernel/proc/proc.h"
#include "sys.h"

SYSCALL_DEFINE0(getpid)
{
	return leaf_current()->proc->pid;
}

SYSCALL_LEAF(getpid);
