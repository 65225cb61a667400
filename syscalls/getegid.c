/* getegid(2): the calling process's, which starts as uhyve-run's user's. */
#include "kernel/proc/direct_syscall.h"
#include "kernel/proc/proc.h"
#include "sys.h"

SYSCALL_DEFINE0(getegid)
{
	return leaf_current()->proc->cred.gid[CRED_EFFECTIVE];
}

SYSCALL_LEAF(getegid);
