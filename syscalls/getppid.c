/* getppid(2): like init, the program has no parent inside its machine. */
#include "sys.h"

long sys_getppid(const uint64_t *args)
{
	(void)args;
	return 0;
}
