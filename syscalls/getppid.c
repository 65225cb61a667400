/* getppid(2): the parent's pid; the first process's parent is outside the machine: 0, as for init. */
#include "kernel/proc/direct_syscall.h"
#include "kernel/proc/proc.h"
#include "sys.h"

SYSCALL_DEFINE0(getppid)
{
	return leaf_current()->proc->ppid;
}

SYSCALL_LEAF(getppid);
