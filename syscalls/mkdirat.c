/* mkdirat(2) */
#include "kernel/fs/open.h"
#include "sys.h"

long sys_mkdirat(const uint64_t *args)
{
	return file_pathop(HC_PATH_MKDIR, (int)args[0], (const char *)args[1], 0, 0, args[2]);
}
