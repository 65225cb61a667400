/* unlinkat(2) */
#include "kernel/fs/open.h"
#include "sys.h"


long sys_unlinkat(const uint64_t *args)
{
	if (args[2] & ~(uint64_t)AT_REMOVEDIR)
		return -EINVAL;
	int op = (args[2] & AT_REMOVEDIR) ? HC_PATH_RMDIR : HC_PATH_UNLINK;
	return file_pathop(op, (int)args[0], (const char *)args[1], 0, 0, 0);
}
