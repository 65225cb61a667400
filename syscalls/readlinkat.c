/* readlinkat(2) */
#include "sys.h"

long sys_readlinkat(const uint64_t *args)
{
	char path[PATH_MAX];
	long err = path_get((int)args[0], (const char *)args[1], path, 0);
	return err < 0 ? err : path_readlink(path, (char *)args[2], (long)args[3]);
}
