/* execve(2): the calling process runs another program. */
#include "kernel/proc/execve.h"
#include "sys.h"

SYSCALL_DEFINE3(execve, const char *, filename, const char *const *, argv, const char *const *, envp)
{
	return proc_execve(AT_FDCWD, filename, argv, envp, 0);
}
