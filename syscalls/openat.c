/* openat(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE4(openat, int, dirfd, const char *, pathname, int, flags, unsigned int, mode)
{
	return file_open(dirfd, pathname, flags, mode);
}
