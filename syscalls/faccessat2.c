/* faccessat2(2): AT_EACCESS is the same here, the ids being the real ones. */
#include "kernel/fs/open.h"
#include "sys.h"


long sys_faccessat2(const uint64_t *args)
{
	if (args[2] & ~7ULL || args[3] & ~(uint64_t)AT_EACCESS)
		return -EINVAL;
	return file_pathop(HC_PATH_ACCESS, (int)args[0], (const char *)args[1], 0, 0, args[2]);
}
