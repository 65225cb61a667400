/* faccessat(2) */
#include "kernel/fs/open.h"
#include "sys.h"

long sys_faccessat(const uint64_t *args)
{
	if (args[2] & ~7ULL)
		return -EINVAL;
	return file_pathop(HC_PATH_ACCESS, (int)args[0], (const char *)args[1], 0, 0, args[2]);
}
