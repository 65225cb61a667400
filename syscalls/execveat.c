/* execveat(2): execve of a path relative to a directory descriptor, or of the descriptor itself. */
#include "kernel/proc/execve.h"
#include "sys.h"

SYSCALL_DEFINE5(execveat, int, dirfd, const char *, filename, const char *const *, argv, const char *const *, envp,
		int, flags)
{
	return proc_execve(dirfd, filename, argv, envp, flags);
}
