/* posix_spawn, so nothing of the caller's state leaks into the child. */
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run.h"

extern char **environ;

int run_logged(char *const argv[], const char *log)
{
	int fd = log ? open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644) : -1;
	if (log && fd < 0)
		return -1;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	if (log) {
		posix_spawn_file_actions_adddup2(&fa, fd, STDOUT_FILENO);
		posix_spawn_file_actions_adddup2(&fa, fd, STDERR_FILENO);
	}
	pid_t pid;
	int err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (log)
		close(fd);
	if (err != 0)
		return -1;
	int status;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}
