/* open(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE3(open, const char *, pathname, int, flags, unsigned int, mode)
{
	return file_open(AT_FDCWD, pathname, flags, mode);
}
