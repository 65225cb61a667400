/* umask(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE1(umask, unsigned int, mask)
{
	return file_umask(mask & 0777);
}
