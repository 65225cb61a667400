/* pipe(2) */
#include "kernel/fs/pipe.h"
#include "sys.h"

long sys_pipe(const uint64_t *args)
{
	return pipe_create((int *)args[0], 0);
}
