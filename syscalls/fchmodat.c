/* fchmodat(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE3(fchmodat, int, dirfd, const char *, pathname, unsigned int, mode)
{
	return file_pathop(HC_PATH_CHMOD, dirfd, pathname, 0, 0, mode);
}
