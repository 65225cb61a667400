/* futimesat(2): utimensat with microseconds and no flags. */
#include "kernel/fs/open.h"
#include "sys.h"

long sys_futimesat(const uint64_t *args)
{
	int64_t tv[4], ts[4];
	if (!args[2])
		return file_utimens((int)args[0], (const char *)args[1], 0, 0);
	if (copy_from_user(tv, (const void *)args[2], sizeof(tv)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (tv[2 * i + 1] < 0 || tv[2 * i + 1] >= 1000000)
			return -EINVAL;
		ts[2 * i] = tv[2 * i];
		ts[2 * i + 1] = tv[2 * i + 1] * 1000;
	}
	return file_utimens((int)args[0], (const char *)args[1], ts, 0);
}
