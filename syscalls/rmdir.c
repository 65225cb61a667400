/* rmdir(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE1(rmdir, const char *, pathname)
{
	return file_pathop(HC_PATH_RMDIR, AT_FDCWD, pathname, 0, 0, 0);
}
