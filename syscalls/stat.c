/* stat(2) */
#include "kernel/fs/kstat.h"
#include "kernel/fs/open.h"
#include "sys.h"

long sys_stat(const uint64_t *args)
{
	struct kstat st;
	long err = file_stat(AT_FDCWD, (const char *)args[0], &st, 0);
	return err ? err : copy_to_user((void *)args[1], &st, sizeof(st));
}
