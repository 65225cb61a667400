/* utimensat(2) */
#include "kernel/fs/open.h"
#include "sys.h"

long sys_utimensat(const uint64_t *args)
{
	int64_t ts[4];
	if (args[2] && copy_from_user(ts, (const void *)args[2], sizeof(ts)))
		return -EFAULT;
	return file_utimens((int)args[0], (const char *)args[1], args[2] ? ts : 0, (int)args[3]);
}
