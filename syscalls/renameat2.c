/* renameat2(2) */
#include "kernel/fs/open.h"
#include "sys.h"

long sys_renameat2(const uint64_t *args)
{
	return file_pathop(HC_PATH_RENAME, (int)args[0], (const char *)args[1], (int)args[2], (const char *)args[3], args[4]);
}
