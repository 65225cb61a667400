/* stat(2) */
#include "kernel/fs/kstat.h"
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE2(stat, const char *, pathname, struct kstat *, statbuf)
{
	struct kstat st;
	long err = file_stat(AT_FDCWD, pathname, &st, 0);
	return err ? err : copy_to_user(statbuf, &st, sizeof(st));
}
