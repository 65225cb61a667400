/* exit_group(2): every thread of the calling process ends. */
#include "kernel/proc/proc.h"
#include "sys.h"

SYSCALL_DEFINE1(exit_group, int, status)
{
	proc_end((status & 0xff) << 8);
}
