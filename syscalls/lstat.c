/* lstat(2) */
#include "kernel/fs/kstat.h"
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE2(lstat, const char *, pathname, void *, statbuf)
{
	struct kstat st;
	long err = file_stat(AT_FDCWD, pathname, &st, AT_SYMLINK_NOFOLLOW);
	return err ? err : copy_to_user(statbuf, &st, sizeof(st));
}
