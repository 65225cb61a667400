/* lstat(2) */
#include "kernel/open.h"
#include "sys.h"

long sys_lstat(const uint64_t *args)
{
	return file_stat(AT_FDCWD, (const char *)args[0], (void *)args[1], AT_SYMLINK_NOFOLLOW);
}
