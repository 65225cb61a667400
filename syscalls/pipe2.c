/* pipe2(2) */
#include "kernel/fs/pipe.h"
#include "sys.h"

SYSCALL_DEFINE2(pipe2, int *, pipefd, int, flags)
{
	return pipe_create(pipefd, flags);
}
