/* newfstatat(2) */
#include "kernel/fs/kstat.h"
#include "kernel/fs/open.h"
#include "sys.h"

long sys_newfstatat(const uint64_t *args)
{
	struct kstat st;
	long err = file_stat((int)args[0], (const char *)args[1], &st, (int)args[3]);
	return err ? err : copy_to_user((void *)args[2], &st, sizeof(st));
}
