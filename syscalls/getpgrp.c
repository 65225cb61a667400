/* getpgrp(2): the caller's process group. */
#include "kernel/proc/proc.h"
#include "sys.h"

SYSCALL_DEFINE0(getpgrp)
{
	return proc_current()->pgid;
}
