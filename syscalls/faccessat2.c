/* faccessat2(2): AT_EACCESS is the same here, the ids being the real ones. */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE4(faccessat2, int, dirfd, const char *, pathname, int, mode, int, flags)
{
	if (mode & ~7 || flags & ~AT_EACCESS)
		return -EINVAL;
	return file_pathop(HC_PATH_ACCESS, dirfd, pathname, 0, 0, mode);
}
