/* exit_group(2) */
#include "sys.h"

SYSCALL_DEFINE1(exit_group, int, status)
{
	proc_exit(status & 0xff);
}
