/* getgid(2): the ids of the user who ran uhyve-run. */
#include "kernel/proc/direct_syscall.h"
#include "sys.h"

long sys_getgid(const uint64_t *args)
{
	(void)args;
	return boot->gid;
}

SYSCALL_LEAF(getgid);
