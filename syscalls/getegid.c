/* getegid(2): the ids of the user who ran uhyve-run. */
#include "sys.h"

long sys_getegid(const uint64_t *args)
{
	(void)args;
	return boot->egid;
}
