/* creat(2): open for writing, made or emptied (GNU tar calls it). */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE2(creat, const char *, pathname, unsigned int, mode)
{
	return file_open(AT_FDCWD, pathname, O_CREAT | O_WRONLY | O_TRUNC, mode);
}
