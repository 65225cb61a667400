/* getcpu(2): the CPU the caller runs on; one NUMA node. */
#include "kernel/sched/thread.h"
#include "sys.h"

long sys_getcpu(const uint64_t *args)
{
	uint32_t cpu = current()->cpu->id, node = 0;
	if (args[0] && copy_to_user((void *)args[0], &cpu, sizeof(cpu)))
		return -EFAULT;
	if (args[1] && copy_to_user((void *)args[1], &node, sizeof(node)))
		return -EFAULT;
	return 0;
}
