/* symlinkat(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE3(symlinkat, const char *, target, int, newdirfd, const char *, linkpath)
{
	return file_pathop(HC_PATH_SYMLINK, newdirfd, linkpath, 0, target, 0);
}
