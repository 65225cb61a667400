/* symlinkat(2) */
#include "kernel/fs/open.h"
#include "sys.h"

long sys_symlinkat(const uint64_t *args)
{
	return file_pathop(HC_PATH_SYMLINK, (int)args[1], (const char *)args[2], 0, (const char *)args[0], 0);
}
