/* exit(2): the only thread ending ends the program. */
#include "sys.h"

long sys_exit(const uint64_t *args)
{
	proc_exit((int)(args[0] & 0xff));
}
