/* get_robust_list(2) of a thread of the program (0: the caller). */
#include "kernel/sched/thread.h"
#include "sys.h"

SYSCALL_DEFINE3(get_robust_list, int, pid, struct robust_list_head **, head_ptr, size_t *, len_ptr)
{
	struct thread *t = pid ? thread_find(pid) : current();
	uint64_t head = t ? t->robust_list : 0, size = sizeof(struct robust_list_head);
	if (!t)
		return -ESRCH;
	if (copy_to_user(head_ptr, &head, sizeof(head)) || copy_to_user(len_ptr, &size, sizeof(size)))
		return -EFAULT;
	return 0;
}
