/* statfs(2): of the host file system holding the path. */
#include "drivers/monitor/hostfile.h"
#include "sys.h"

long sys_statfs(const uint64_t *args)
{
	char path[PATH_MAX];
	static uint64_t buf[HC_STATFS_SIZE / 8];
	long err = path_get(AT_FDCWD, (const char *)args[0], path, 0);
	if (err >= 0)
		err = hostfile_statfs(path, 0, buf);
	return err < 0 ? err : copy_to_user((void *)args[1], buf, sizeof(buf));
}
