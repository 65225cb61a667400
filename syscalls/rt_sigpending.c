/* rt_sigpending(2): signals pending for the caller or the program that it blocks. */
#include "kernel/signal/signal.h"
#include "sys.h"

SYSCALL_DEFINE2(rt_sigpending, uint64_t *, uset, size_t, sigsetsize)
{
	if (sigsetsize != sizeof(uint64_t))
		return -EINVAL;
	uint64_t set = signal_pending_blocked(current());
	return copy_to_user(uset, &set, sizeof(set));
}
