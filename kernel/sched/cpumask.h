/* The CPU set of sched_getaffinity/sched_setaffinity: every CPU of the machine. */
#ifndef KERNEL_CPUMASK_H
#define KERNEL_CPUMASK_H

#include "arch/x86_64/percpu.h"

/* Linux copies out whole longs of its nr_cpu_ids bits. */
static inline uint64_t cpumask_bytes(void)
{
	return (ncpus + 63) / 64 * 8;
}

#endif
