/* clone(2), x86-64 argument order: flags, stack, parent_tid, child_tid, tls. */
#include "kernel/sched/clone.h"
#include "sys.h"

SYSCALL_DEFINE5(clone, unsigned long, flags, unsigned long, stack, int *, parent_tid, int *, child_tid,
		unsigned long, tls)
{
	struct clone_request req = {
		.flags = flags & ~(uint64_t)CSIGNAL,
		.stack = stack,
		.parent_tid = (uint64_t)parent_tid,
		.child_tid = (uint64_t)child_tid,
		.tls = tls,
		.exit_signal = (int)(flags & CSIGNAL),
	};
	return clone_thread(&req);
}
