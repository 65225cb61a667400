/* rename(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE2(rename, const char *, oldpath, const char *, newpath)
{
	return file_pathop(HC_PATH_RENAME, AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}
