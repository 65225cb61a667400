/* rename(2) */
#include "kernel/fs/open.h"
#include "sys.h"

long sys_rename(const uint64_t *args)
{
	return file_pathop(HC_PATH_RENAME, AT_FDCWD, (const char *)args[0], AT_FDCWD, (const char *)args[1], 0);
}
