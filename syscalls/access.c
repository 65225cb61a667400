/* access(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE2(access, const char *, pathname, int, mode)
{
	if (mode & ~7)
		return -EINVAL;
	return file_pathop(HC_PATH_ACCESS, AT_FDCWD, pathname, 0, 0, mode);
}
