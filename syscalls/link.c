/* link(2) */
#include "kernel/fs/open.h"
#include "sys.h"

long sys_link(const uint64_t *args)
{
	return file_pathop(HC_PATH_LINK, AT_FDCWD, (const char *)args[0], AT_FDCWD, (const char *)args[1], 0);
}
