/* getegid(2): the ids of the user who ran uhyve-run. */
#include "kernel/proc/direct_syscall.h"
#include "sys.h"

SYSCALL_DEFINE0(getegid)
{
	return boot->egid;
}

SYSCALL_LEAF(getegid);
