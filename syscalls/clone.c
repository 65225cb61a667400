/* clone(2), x86-64 argument order: flags, stack, parent_tid, child_tid, tls. */
#include "kernel/sched/clone.h"
#include "sys.h"


long sys_clone(const uint64_t *args)
{
	struct clone_request req = {
		.flags = args[0] & ~(uint64_t)CSIGNAL,
		.stack = args[1],
		.parent_tid = args[2],
		.child_tid = args[3],
		.tls = args[4],
		.exit_signal = (int)(args[0] & CSIGNAL),
	};
	return clone_thread(&req);
}
