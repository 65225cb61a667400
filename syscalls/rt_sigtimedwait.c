/* rt_sigtimedwait(2): take one of a set of signals, waiting for it up to a timeout. */
#include "kernel/signal/signal.h"
#include "kernel/time/time.h"
#include "sys.h"

SYSCALL_DEFINE4(rt_sigtimedwait, const uint64_t *, uthese, void *, uinfo, const struct ktimespec *, uts, size_t,
		sigsetsize)
{
	uint64_t set, deadline = 0;
	struct ktimespec ts;
	if (sigsetsize != sizeof(set))
		return -EINVAL;
	if (copy_from_user(&set, uthese, sizeof(set)))
		return -EFAULT;
	if (uts) {
		long err = timespec_from_user(&ts, uts);
		if (err)
			return err;
		deadline = rdtsc() + ns_to_tsc((uint64_t)(ts.sec * NSEC_PER_SEC + ts.nsec));
		if (!ts.sec && !ts.nsec)
			deadline = 1;
	}
	struct sig_info si;
	long sig = signal_wait(set, deadline, &si);
	if (sig > 0 && uinfo) {
		int32_t info[32] = { (int32_t)sig, 0, si.code, 0, (int32_t)si.a, (int32_t)(si.a >> 32),
				     (int32_t)si.b, (int32_t)(si.b >> 32) };
		if (copy_to_user(uinfo, info, sizeof(info)))
			return -EFAULT;
	}
	return sig;
}
