/* truncate(2) */
#include "kernel/fs/open.h"
#include "sys.h"

long sys_truncate(const uint64_t *args)
{
	if ((int64_t)args[1] < 0)
		return -EINVAL;
	return file_pathop(HC_PATH_TRUNCATE, AT_FDCWD, (const char *)args[0], 0, 0, args[1]);
}
