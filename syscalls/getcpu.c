/* getcpu(2): the CPU the caller runs on; one NUMA node. */
#include "kernel/sched/thread.h"
#include "sys.h"

SYSCALL_DEFINE2(getcpu, unsigned int *, cpu, unsigned int *, node)
{
	uint32_t id = current()->cpu->id, numa_node = 0;
	if (cpu && copy_to_user(cpu, &id, sizeof(id)))
		return -EFAULT;
	if (node && copy_to_user(node, &numa_node, sizeof(numa_node)))
		return -EFAULT;
	return 0;
}
