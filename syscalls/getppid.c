/* getppid(2): like init, the program has no parent inside its machine. */
#include "kernel/proc/direct_syscall.h"
#include "sys.h"

long sys_getppid(const uint64_t *args)
{
	(void)args;
	return 0;
}

SYSCALL_LEAF(getppid);
