/* exit_group(2) */
#include "sys.h"

long sys_exit_group(const uint64_t *args)
{
	proc_exit((int)(args[0] & 0xff));
}
