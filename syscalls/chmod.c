/* chmod(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE2(chmod, const char *, pathname, unsigned int, mode)
{
	return file_pathop(HC_PATH_CHMOD, AT_FDCWD, pathname, 0, 0, mode);
}
