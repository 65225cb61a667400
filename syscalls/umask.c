/* umask(2) */
#include "kernel/fs/open.h"
#include "sys.h"

long sys_umask(const uint64_t *args)
{
	return file_umask((unsigned)args[0] & 0777);
}
