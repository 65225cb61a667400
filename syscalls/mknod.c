/* mknod(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE3(mknod, const char *, pathname, unsigned int, mode, unsigned int, dev)
{
	return file_mknod(AT_FDCWD, pathname, mode, dev);
}
