/* getpgid(2): the process group of a process (0: the caller). */
#include "kernel/proc/proc.h"
#include "sys.h"

SYSCALL_DEFINE1(getpgid, int, pid)
{
	struct proc *p = pid == 0 ? proc_current() : pid > 0 ? proc_find(pid) : 0;
	return p ? p->pgid : -ESRCH;
}
