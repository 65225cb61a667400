/* waitid(2): a child's end, told in a siginfo. */
#include <linux/wait.h>

#include "kernel/proc/wait.h"
#include "sys.h"

static long check(int which, int id, int options)
{
	if ((unsigned)options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		return 0;
	case P_PID:
		return id <= 0 ? -EINVAL : 0;
	case P_PGID:
		return id < 0 ? -EINVAL : 0;
	case P_PIDFD:
		return id < 0 ? -EINVAL : -EBADF; /* no descriptor is a pidfd */
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE5(waitid, int, which, int, id, void *, infop, int, options, void *, rusage)
{
	long err = check(which, id, options);
	struct wait_result res = { 0 };
	if (!err)
		err = proc_wait(which, id, options & (WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED), &res);
	/* si_signo, si_errno, si_code, pad, then si_pid, si_uid, si_status; Linux writes them whatever the result. */
	int32_t info[7] = { 0 };
	if (res.pid) {
		int low = res.status & 0x7f;
		info[0] = SIGCHLD;
		info[2] = res.status == 0xffff ? CLD_CONTINUED : low == 0x7f ? CLD_STOPPED : low ? CLD_KILLED : CLD_EXITED;
		info[4] = res.pid;
		info[5] = (int32_t)res.uid;
		info[6] = res.status == 0xffff ? SIGCONT : low == 0x7f || !low ? (res.status >> 8) & 0xff : low;
	}
	if (infop && copy_to_user(infop, info, sizeof(info)))
		return -EFAULT;
	if (err >= 0 && rusage && wait_rusage(rusage, &res))
		return -EFAULT;
	return err < 0 ? err : 0;
}
