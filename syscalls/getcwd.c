/* getcwd(2): the raw syscall returns the length with the NUL. */
#include "kernel/fs/path.h"
#include "sys.h"

long sys_getcwd(const uint64_t *args)
{
	const char *cwd = path_cwd();
	uint64_t len = strlen(cwd) + 1;
	if (args[1] < len)
		return -ERANGE;
	return copy_to_user((void *)args[0], cwd, len) ? -EFAULT : (long)len;
}
