/* getrusage(2): CPU time of the program or the calling thread, all counted as user time. */
#include "kernel/mm/frame.h"
#include "kernel/sched/thread.h"
#include "kernel/time/time.h"
#include "sys.h"

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1

struct krusage {
	int64_t utime_sec, utime_usec, stime_sec, stime_usec;
	int64_t maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock, msgsnd, msgrcv,
		nsignals, nvcsw, nivcsw;
};

long sys_getrusage(const uint64_t *args)
{
	int who = (int)args[0];
	struct krusage ru = { 0 };
	struct ktimespec cpu = { 0, 0 };
	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return -EINVAL;
	/* No child processes ever exist: their usage is zero. */
	if (who != RUSAGE_CHILDREN) {
		clock_read(who == RUSAGE_THREAD ? CLOCK_THREAD_CPUTIME_ID : CLOCK_PROCESS_CPUTIME_ID, &cpu);
		ru.maxrss = (int64_t)((boot->mem_size / PAGE_SIZE - frame_free_count()) * (PAGE_SIZE / 1024));
	}
	ru.utime_sec = cpu.sec;
	ru.utime_usec = cpu.nsec / 1000;
	return copy_to_user((void *)args[1], &ru, sizeof(ru));
}
