/* open(2) */
#include "kernel/fs/open.h"
#include "sys.h"

long sys_open(const uint64_t *args)
{
	return file_open(AT_FDCWD, (const char *)args[0], (int)args[1], (unsigned)args[2]);
}
