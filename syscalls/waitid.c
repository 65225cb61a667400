/* waitid(2): the one process never has children, so after Linux's checks: ECHILD. */
#include <linux/wait.h>

#include "sys.h"

static long check(int which, int id, int options)
{
	if ((unsigned)options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		return -ECHILD;
	case P_PID:
		return id <= 0 ? -EINVAL : -ECHILD;
	case P_PGID:
		return id < 0 ? -EINVAL : -ECHILD;
	case P_PIDFD:
		return id < 0 ? -EINVAL : -EBADF; /* no descriptor is a pidfd */
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE5(waitid, int, which, int, id, void *, infop, int, options, void *, rusage)
{
	(void)rusage;
	long err = check(which, id, options);
	/* Linux clears si_signo, si_errno, si_code and si_pid, si_uid, si_status whatever the result. */
	static const int32_t zero[3];
	if (infop && (copy_to_user(infop, zero, sizeof(zero)) || copy_to_user((char *)infop + 16, zero, sizeof(zero))))
		return -EFAULT;
	return err;
}
