/* symlink(2) */
#include "kernel/fs/open.h"
#include "sys.h"

long sys_symlink(const uint64_t *args)
{
	return file_pathop(HC_PATH_SYMLINK, AT_FDCWD, (const char *)args[1], 0, (const char *)args[0], 0);
}
