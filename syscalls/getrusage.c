/* getrusage(2): CPU time of the process, the calling thread or the children waited for, all counted as user time. */
#include <linux/resource.h>

#include "kernel/mm/frame.h"
#include "kernel/proc/proc.h"
#include "kernel/sched/thread.h"
#include "kernel/time/ticks.h"
#include "kernel/time/time.h"
#include "sys.h"

SYSCALL_DEFINE2(getrusage, int, who, struct rusage *, usage)
{
	struct rusage ru = { 0 };
	struct ktimespec cpu = { 0, 0 };
	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return -EINVAL;
	if (who != RUSAGE_CHILDREN) {
		clock_read(who == RUSAGE_THREAD ? CLOCK_THREAD_CPUTIME_ID : CLOCK_PROCESS_CPUTIME_ID, &cpu);
		ru.ru_maxrss = (int64_t)((boot->mem_size / PAGE_SIZE - frame_free_count()) * (PAGE_SIZE / 1024));
	} else {
		/* The children waited for, and theirs. */
		uint64_t ns = tsc_to_ns(proc_current()->children_tsc);
		cpu = (struct ktimespec){ (int64_t)(ns / NSEC_PER_SEC), (int64_t)(ns % NSEC_PER_SEC) };
	}
	ru.ru_utime.tv_sec = cpu.sec;
	ru.ru_utime.tv_usec = cpu.nsec / 1000;
	return copy_to_user(usage, &ru, sizeof(ru));
}
