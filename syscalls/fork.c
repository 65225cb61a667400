/* fork(2): a child process with a copy-on-write copy of the caller's memory. */
#include "kernel/sched/clone.h"
#include "sys.h"

SYSCALL_DEFINE0(fork)
{
	struct clone_request req = { .exit_signal = SIGCHLD };
	return clone_thread(&req);
}
