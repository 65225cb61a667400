/* set_robust_list(2): the calling thread's list, walked when it ends. */
#include "kernel/sched/thread.h"
#include "sys.h"

SYSCALL_DEFINE2(set_robust_list, struct robust_list_head *, head, size_t, len)
{
	if (len != sizeof(*head))
		return -EINVAL;
	current()->robust_list = (uint64_t)head;
	return 0;
}
