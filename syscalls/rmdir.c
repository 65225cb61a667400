/* rmdir(2) */
#include "kernel/fs/open.h"
#include "sys.h"

long sys_rmdir(const uint64_t *args)
{
	return file_pathop(HC_PATH_RMDIR, AT_FDCWD, (const char *)args[0], 0, 0, 0);
}
