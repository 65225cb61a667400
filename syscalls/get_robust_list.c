/* get_robust_list(2) of a thread of the program (0: the caller). */
#include "kernel/sched/thread.h"
#include "sys.h"

#define ROBUST_LIST_HEAD_SIZE 24

long sys_get_robust_list(const uint64_t *args)
{
	int tid = (int)args[0];
	struct thread *t = tid ? thread_find(tid) : current();
	uint64_t head = t ? t->robust_list : 0, size = ROBUST_LIST_HEAD_SIZE;
	if (!t)
		return -ESRCH;
	if (copy_to_user((void *)args[1], &head, sizeof(head)) || copy_to_user((void *)args[2], &size, sizeof(size)))
		return -EFAULT;
	return 0;
}
