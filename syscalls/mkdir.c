/* mkdir(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE2(mkdir, const char *, pathname, unsigned int, mode)
{
	return file_pathop(HC_PATH_MKDIR, AT_FDCWD, pathname, 0, 0, mode);
}
