/* statfs(2) */
#include "kernel/fs/open.h"
#include "sys.h"

SYSCALL_DEFINE2(statfs, const char *, path, struct statfs *, buf)
{
	struct statfs st;
	long err = file_statfs(path, &st);
	return err < 0 ? err : copy_to_user(buf, &st, sizeof(st));
}
