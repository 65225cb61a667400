/* linkat(2): AT_SYMLINK_FOLLOW is not supported yet. */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE5(linkat, int, olddirfd, const char *, oldpath, int, newdirfd, const char *, newpath,
		int, flags)
{
	if (flags)
		return -EINVAL;
	return file_pathop(HC_PATH_LINK, olddirfd, oldpath, newdirfd, newpath, 0);
}
