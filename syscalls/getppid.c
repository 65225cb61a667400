/* getppid(2): like init, the program has no parent inside its machine. */
#include "kernel/proc/direct_syscall.h"
#include "sys.h"

SYSCALL_DEFINE0(getppid)
{
	return 0;
}

SYSCALL_LEAF(getppid);
