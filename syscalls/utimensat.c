/* utimensat(2) */
#include "kernel/open.h"
#include "sys.h"

long sys_utimensat(const uint64_t *args)
{
	return file_utimens((int)args[0], (const char *)args[1], (const void *)args[2], (int)args[3]);
}
