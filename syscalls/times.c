/* times(2): CPU time of the process and of its children waited for, in clock ticks (USER_HZ), and ticks since boot as the result. */
#include "kernel/proc/proc.h"
#include "kernel/time/ticks.h"
#include "kernel/time/time.h"
#include "sys.h"

#define USER_HZ 100

SYSCALL_DEFINE1(times, int64_t *, buf)
{
	struct ktimespec cpu, now;
	clock_read(CLOCK_PROCESS_CPUTIME_ID, &cpu);
	clock_read(CLOCK_MONOTONIC, &now);
	uint64_t children = tsc_to_ns(proc_current()->children_tsc) / (NSEC_PER_SEC / USER_HZ);
	int64_t tms[4] = { cpu.sec * USER_HZ + cpu.nsec / (NSEC_PER_SEC / USER_HZ), 0, (int64_t)children, 0 };
	if (buf && copy_to_user(buf, tms, sizeof(tms)))
		return -EFAULT;
	return (long)(now.sec * USER_HZ + now.nsec / (NSEC_PER_SEC / USER_HZ));
}
