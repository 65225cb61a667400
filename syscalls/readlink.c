/* readlink(2) */
#include "kernel/path.h"
#include "sys.h"

long sys_readlink(const uint64_t *args)
{
	char path[PATH_MAX];
	long len = strncpy_from_user(path, (const char *)args[0], sizeof(path));
	if (len < 0)
		return len;
	return len ? path_readlink(path, (char *)args[1], (long)args[2]) : -ENOENT;
}
