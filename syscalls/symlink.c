/* symlink(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE2(symlink, const char *, target, const char *, linkpath)
{
	return file_pathop(HC_PATH_SYMLINK, AT_FDCWD, linkpath, 0, target, 0);
}
