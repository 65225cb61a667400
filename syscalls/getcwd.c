/* getcwd(2): the raw syscall returns the length with the NUL. */
#include "kernel/fs/path.h"
#include "sys.h"

SYSCALL_DEFINE2(getcwd, char *, buf, size_t, size)
{
	const char *cwd = path_cwd();
	uint64_t len = strlen(cwd) + 1;
	if (size < len)
		return -ERANGE;
	return copy_to_user(buf, cwd, len) ? -EFAULT : (long)len;
}
