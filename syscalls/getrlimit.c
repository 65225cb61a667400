/* getrlimit(2) */
#include "kernel/proc/rlimit.h"
#include "sys.h"

long sys_getrlimit(const uint64_t *args)
{
	return rlimit_swap((unsigned)args[0], 0, (struct rlimit64 *)args[1]);
}
