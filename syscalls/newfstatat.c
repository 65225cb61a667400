/* newfstatat(2) */
#include "kernel/open.h"
#include "sys.h"

long sys_newfstatat(const uint64_t *args)
{
	return file_stat((int)args[0], (const char *)args[1], (void *)args[2], (int)args[3]);
}
