/* newfstatat(2): only descriptors for now; there is no file system to look paths up in. */
#include "sys.h"

long sys_newfstatat(const uint64_t *args)
{
	char path[PATH_MAX];
	if (args[3] & ~(uint64_t)(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT))
		return -EINVAL;
	long len = strncpy_from_user(path, (const char *)args[1], sizeof(path));
	if (len < 0)
		return len;
	if (len == 0 && (args[3] & AT_EMPTY_PATH)) {
		if ((int)args[0] == AT_FDCWD)
			return -ENOENT;
		struct file *f = fd_get((int)args[0]);
		return f ? f->ops->fstat(f, (void *)args[2]) : -EBADF;
	}
	return -ENOENT;
}
