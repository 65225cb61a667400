/* truncate(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE2(truncate, const char *, path, int64_t, length)
{
	if (length < 0)
		return -EINVAL;
	return file_pathop(HC_PATH_TRUNCATE, AT_FDCWD, path, 0, 0, length);
}
