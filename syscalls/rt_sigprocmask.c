/* rt_sigprocmask(2) */
#include "kernel/signal/signal.h"
#include "kernel/sched/thread.h"
#include "sys.h"

#define UNBLOCKABLE ((1ULL << (SIGKILL - 1)) | (1ULL << (SIGSTOP - 1)))

SYSCALL_DEFINE4(rt_sigprocmask, int, how, const uint64_t *, nset, uint64_t *, oset, size_t, sigsetsize)
{
	uint64_t set;
	uint64_t *sig_mask = &current()->sig_mask;
	if (sigsetsize != sizeof(uint64_t))
		return -EINVAL;
	if (nset && how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
		return -EINVAL;
	if (nset && copy_from_user(&set, nset, sizeof(set)))
		return -EFAULT;
	if (oset && copy_to_user(oset, sig_mask, sizeof(*sig_mask)))
		return -EFAULT;
	if (nset) {
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
