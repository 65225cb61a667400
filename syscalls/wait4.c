/* wait4(2): the one process never has children, so after Linux's checks: ECHILD. */
#include <linux/wait.h>

#include "sys.h"

SYSCALL_DEFINE4(wait4, int, pid, int *, wstatus, int, options, void *, rusage)
{
	(void)wstatus;
	(void)rusage;
	if ((unsigned)options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH; /* -INT_MIN names no process group */
	return -ECHILD;
}
