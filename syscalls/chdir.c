/* chdir(2) */
#include "kernel/fs/open.h"
#include "kernel/fs/path.h"
#include "sys.h"

long sys_chdir(const uint64_t *args)
{
	char path[PATH_MAX];
	long err = path_get(AT_FDCWD, (const char *)args[0], path, 0);
	if (err >= 0)
		err = file_is_dir(path);
	if (err < 0)
		return err;
	path_set_cwd(path);
	return 0;
}
