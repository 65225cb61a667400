/* chown(2) */
#include "kernel/fs/open.h"
#include "sys.h"

long sys_chown(const uint64_t *args)
{
	return file_pathop(HC_PATH_CHOWN, AT_FDCWD, (const char *)args[0], 0, 0,
			   (args[1] << 32) | (uint32_t)args[2]);
}
