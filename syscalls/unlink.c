/* unlink(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE1(unlink, const char *, pathname)
{
	return file_pathop(HC_PATH_UNLINK, AT_FDCWD, pathname, 0, 0, 0);
}
