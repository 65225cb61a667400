/* renameat2(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE5(renameat2, int, olddirfd, const char *, oldpath, int, newdirfd, const char *, newpath, unsigned int,
		flags)
{
	return file_pathop(HC_PATH_RENAME, olddirfd, oldpath, newdirfd, newpath, flags);
}
