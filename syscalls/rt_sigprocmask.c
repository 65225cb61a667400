/* rt_sigprocmask(2) */
#include "kernel/signal/signal.h"
#include "kernel/sched/thread.h"
#include "sys.h"

#define UNBLOCKABLE ((1ULL << (9 - 1)) | (1ULL << (19 - 1))) /* SIGKILL, SIGSTOP */

long sys_rt_sigprocmask(const uint64_t *args)
{
	int how = (int)args[0];
	uint64_t set;
	uint64_t *sig_mask = &current()->sig_mask;
	if (args[3] != sizeof(uint64_t))
		return -EINVAL;
	if (args[1] && how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
		return -EINVAL;
	if (args[1] && copy_from_user(&set, (const void *)args[1], sizeof(set)))
		return -EFAULT;
	if (args[2] && copy_to_user((void *)args[2], sig_mask, sizeof(*sig_mask)))
		return -EFAULT;
	if (args[1]) {
		if (how == SIG_BLOCK)
			*sig_mask |= set;
		else if (how == SIG_UNBLOCK)
			*sig_mask &= ~set;
		else
			*sig_mask = set;
		*sig_mask &= ~UNBLOCKABLE;
	}
	return 0;
}
