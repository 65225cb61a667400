/* renameat(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE4(renameat, int, olddirfd, const char *, oldpath, int, newdirfd, const char *, newpath)
{
	return file_pathop(HC_PATH_RENAME, olddirfd, oldpath, newdirfd, newpath, 0);
}
