/* chdir(2) */
#include "kernel/fs/open.h"
#include "kernel/fs/path.h"
#include "sys.h"

SYSCALL_DEFINE1(chdir, const char *, pathname)
{
	char path[PATH_MAX];
	long err = path_get(AT_FDCWD, pathname, path, 0);
	if (err >= 0)
		err = file_is_dir(path);
	if (err < 0)
		return err;
	path_set_cwd(path);
	return 0;
}
