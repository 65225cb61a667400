/* set_robust_list(2): remembered for thread exit. */
#include "kernel/proc.h"
#include "sys.h"

#define ROBUST_LIST_HEAD_SIZE 24

long sys_set_robust_list(const uint64_t *args)
{
	if (args[1] != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	proc_robust_list = args[0];
	return 0;
}
