/* openat(2) */
#include "kernel/fs/open.h"
#include "sys.h"

long sys_openat(const uint64_t *args)
{
	return file_open((int)args[0], (const char *)args[1], (int)args[2], (unsigned)args[3]);
}
