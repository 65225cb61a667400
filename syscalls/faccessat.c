/* faccessat(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE3(faccessat, int, dirfd, const char *, pathname, int, mode)
{
	if (mode & ~7)
		return -EINVAL;
	return file_pathop(HC_PATH_ACCESS, dirfd, pathname, 0, 0, mode);
}
