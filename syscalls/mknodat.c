/* mknodat(2): FIFOs (mkfifo), sockets and regular files; see file_mknod. */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE4(mknodat, int, dirfd, const char *, pathname, unsigned int, mode, unsigned int, dev)
{
	return file_mknod(dirfd, pathname, mode, dev);
}
