/* unlinkat(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE3(unlinkat, int, dirfd, const char *, pathname, int, flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	int op = (flags & AT_REMOVEDIR) ? HC_PATH_RMDIR : HC_PATH_UNLINK;
	return file_pathop(op, dirfd, pathname, 0, 0, 0);
}
