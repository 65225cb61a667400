/* wait4(2): a child's end, by pid (-1: any child; 0: of the caller's group; < -1: of group -pid). */
#include <linux/wait.h>

#include "kernel/proc/wait.h"
#include "sys.h"

SYSCALL_DEFINE4(wait4, int, pid, int *, wstatus, int, options, void *, rusage)
{
	if ((unsigned)options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH; /* -INT_MIN names no process group */
	int which = pid > 0 ? P_PID : pid == -1 ? P_ALL : P_PGID;
	struct wait_result res;
	long got = proc_wait(which, pid < -1 ? -pid : pid, WEXITED | (options & (WNOHANG | WUNTRACED | WCONTINUED)), &res);
	if (got <= 0)
		return got;
	if (wstatus && copy_to_user(wstatus, &res.status, sizeof(res.status)))
		return -EFAULT;
	if (rusage && wait_rusage(rusage, &res))
		return -EFAULT;
	return got;
}
