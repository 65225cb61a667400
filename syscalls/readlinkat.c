/* readlinkat(2): absolute paths only until there is a file system. */
#include "kernel/path.h"
#include "sys.h"

long sys_readlinkat(const uint64_t *args)
{
	char path[PATH_MAX];
	long len = strncpy_from_user(path, (const char *)args[1], sizeof(path));
	if (len < 0)
		return len;
	if (len == 0)
		return -ENOENT;
	if (path[0] != '/' && (int)args[0] != AT_FDCWD && !fd_get((int)args[0]))
		return -EBADF;
	return path_readlink(path, (char *)args[2], (long)args[3]);
}
