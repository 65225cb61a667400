/* access(2) */
#include "kernel/fs/open.h"
#include "sys.h"

long sys_access(const uint64_t *args)
{
	if (args[1] & ~7ULL)
		return -EINVAL;
	return file_pathop(HC_PATH_ACCESS, AT_FDCWD, (const char *)args[0], 0, 0, args[1]);
}
