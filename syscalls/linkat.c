/* linkat(2): AT_SYMLINK_FOLLOW is not supported yet. */
#include "kernel/fs/open.h"
#include "sys.h"

long sys_linkat(const uint64_t *args)
{
	if (args[4])
		return -EINVAL;
	return file_pathop(HC_PATH_LINK, (int)args[0], (const char *)args[1], (int)args[2], (const char *)args[3], 0);
}
