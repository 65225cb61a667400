/* vfork(2): a child process on the caller's memory; the caller waits until it execs or ends. */
#include "kernel/sched/clone.h"
#include "sys.h"

SYSCALL_DEFINE0(vfork)
{
	struct clone_request req = { .flags = CLONE_VM | CLONE_VFORK, .exit_signal = SIGCHLD };
	return clone_thread(&req);
}
