/* readlink(2) */
#include "sys.h"

long sys_readlink(const uint64_t *args)
{
	char path[PATH_MAX];
	long err = path_get(AT_FDCWD, (const char *)args[0], path, 0);
	return err < 0 ? err : path_readlink(path, (char *)args[1], (long)args[2]);
}
