/* pipe(2) */
#include "kernel/fs/pipe.h"
#include "sys.h"

SYSCALL_DEFINE1(pipe, int *, pipefd)
{
	return pipe_create(pipefd, 0);
}
