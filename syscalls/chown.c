/* chown(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE3(chown, const char *, pathname, unsigned int, owner, unsigned int, group)
{
	return file_pathop(HC_PATH_CHOWN, AT_FDCWD, pathname, 0, 0, ((uint64_t)owner << 32) | group);
}
