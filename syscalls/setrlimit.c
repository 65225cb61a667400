/* setrlimit(2) */
#include "kernel/proc/rlimit.h"
#include "sys.h"

long sys_setrlimit(const uint64_t *args)
{
	return rlimit_swap((unsigned)args[0], (const struct rlimit64 *)args[1], 0);
}
