/* set_robust_list(2): the calling thread's list, walked when it ends. */
#include "kernel/sched/thread.h"
#include "sys.h"

#define ROBUST_LIST_HEAD_SIZE 24

long sys_set_robust_list(const uint64_t *args)
{
	if (args[1] != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	current()->robust_list = args[0];
	return 0;
}
