/* readlink(2) */
#include "sys.h"

SYSCALL_DEFINE3(readlink, const char *, pathname, char *, buf, size_t, bufsiz)
{
	char path[PATH_MAX];
	long err = path_get(AT_FDCWD, pathname, path, 0);
	return err < 0 ? err : path_readlink(path, buf, bufsiz);
}
