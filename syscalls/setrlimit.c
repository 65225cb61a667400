/* setrlimit(2) */
#include "kernel/proc/proc.h"
#include "kernel/proc/rlimit.h"
#include "sys.h"

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, const struct rlimit64 *, rlim)
{
	return rlimit_swap(proc_current(), resource, rlim, 0);
}
