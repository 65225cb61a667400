/* newfstatat(2) */
#include "kernel/fs/kstat.h"
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE4(newfstatat, int, dirfd, const char *, pathname, void *, statbuf, int, flags)
{
	struct kstat st;
	long err = file_stat(dirfd, pathname, &st, flags);
	return err ? err : copy_to_user(statbuf, &st, sizeof(st));
}
