/* geteuid(2): the ids of the user who ran uhyve-run. */
#include "kernel/proc/direct_syscall.h"
#include "sys.h"

SYSCALL_DEFINE0(geteuid)
{
	return boot->euid;
}

SYSCALL_LEAF(geteuid);
