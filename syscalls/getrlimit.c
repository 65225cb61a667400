/* getrlimit(2) */
#include "kernel/proc/proc.h"
#include "kernel/proc/rlimit.h"
#include "sys.h"

/* On x86-64 a struct rlimit is a struct rlimit64. */
SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit64 *, rlim)
{
	return rlimit_swap(proc_current(), resource, 0, rlim);
}
