/* setrlimit(2) */
#include "kernel/proc/rlimit.h"
#include "sys.h"

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, const struct rlimit64 *, rlim)
{
	return rlimit_swap(resource, rlim, 0);
}
