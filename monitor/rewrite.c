/*
 * uhyve-run --rewrite: the program's syscall sites made calls into the kernel
 * before it runs, by cocoon-rewrite into a file that is gone once opened. The
 * program still sees its own path (/proc/self/exe, AT_EXECFN).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "monitor.h"

extern char **environ;

/* Beside uhyve-run when installed, in tools/ beside it in a build tree, else on PATH. */
static const char *rewriter(void)
{
	const char *path = beside_monitor("cocoon-rewrite", X_OK);
	if (!path)
		path = beside_monitor("tools/cocoon-rewrite", X_OK);
	return path ? path : "cocoon-rewrite";
}

/* Its first line on stderr, for a one-line error. */
static void first_line(int fd, char *line, size_t size)
{
	size_t len = 0;
	ssize_t n;
	while (len + 1 < size && (n = read(fd, line + len, size - 1 - len)) > 0)
		len += (size_t)n;
	line[len] = 0;
	line[strcspn(line, "\n")] = 0;
}

void app_rewrite(const char *path, struct app_image *app)
{
	const char *tmpdir = getenv("TMPDIR");
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	char out_path[PATH_MAX];
	snprintf(out_path, sizeof(out_path), "%s/uhyve-run-rewrite.XXXXXX", tmpdir);
	int out_fd = mkstemp(out_path), err[2];
	if (out_fd < 0 || pipe2(err, O_CLOEXEC) < 0)
		die(EXIT_MONITOR_FAILED, "--rewrite: cannot make a temporary file in %s: %s", tmpdir, strerror(errno));
	close(out_fd);

	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&actions, err[1], 2);
	const char *tool = rewriter();
	char *argv[] = { (char *)tool, (char *)path, "-o", out_path, NULL };
	pid_t pid;
	int spawned = posix_spawnp(&pid, tool, &actions, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	close(err[1]);
	if (spawned != 0) {
		unlink(out_path);
		die(EXIT_MONITOR_FAILED, "--rewrite: cannot run %s: %s", tool, strerror(spawned));
	}
	char line[512];
	first_line(err[0], line, sizeof(line));
	close(err[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		unlink(out_path);
		die(EXIT_NOT_EXECUTABLE, "--rewrite: %s", *line ? line : "cocoon-rewrite failed");
	}
	close(app->fd);
	app_check(out_path, app);
	unlink(out_path);
}
