/* fchmodat(2) */
#include "kernel/fs/open.h"
#include "sys.h"

long sys_fchmodat(const uint64_t *args)
{
	return file_pathop(HC_PATH_CHMOD, (int)args[0], (const char *)args[1], 0, 0, args[2]);
}
