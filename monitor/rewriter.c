/*
 * One run of cocoon-rewrite into a new file: its first line of error kept
 * for a one-line message, a time limit, and giving up once whoever asked for
 * it has gone.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "rewriter.h"

extern char **environ;

/* Where the rewriter finds an input given as a descriptor: it reads /proc/self/fd/3. */
#define IN_FD 3
#define IN_PATH "/proc/self/fd/3"

static void reason(char *why, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void reason(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
}

/* Milliseconds from now until end, 0 once it is past. */
static int ms_until(const struct timespec *end)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long long ms = (end->tv_sec - now.tv_sec) * 1000LL + (end->tv_nsec - now.tv_nsec) / 1000000;
	return ms <= 0 ? 0 : ms > INT_MAX ? INT_MAX : (int)ms;
}

/*
 * Read the rewriter's stderr until it closes it, having ended, keeping its
 * first line in line: DONE then. REFUSED when REWRITE_SECONDS pass first,
 * ABANDONED when stop_fd stirs first.
 */
static enum rewrite_result watch(int err, int stop_fd, char *line, size_t size)
{
	struct timespec end;
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += REWRITE_SECONDS;
	size_t len = 0;
	for (;;) {
		struct pollfd p[2] = { { err, POLLIN, 0 }, { stop_fd, POLLIN, 0 } };
		int left = ms_until(&end), n = left ? poll(p, stop_fd >= 0 ? 2 : 1, left) : 0;
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			reason(line, size, "cocoon-rewrite took longer than %d s", REWRITE_SECONDS);
			return REWRITE_REFUSED;
		}
		if (stop_fd >= 0 && p[1].revents)
			return REWRITE_ABANDONED;
		char buf[512];
		ssize_t got = read(err, buf, sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		/* All of it is read, so that the rewriter never waits on a full pipe; the start is kept. */
		size_t keep = (size_t)got < size - 1 - len ? (size_t)got : size - 1 - len;
		memcpy(line + len, buf, keep);
		len += keep;
	}
	line[len] = 0;
	line[strcspn(line, "\n")] = 0;
	return REWRITE_DONE;
}

/* Run the rewriter from job's input into out; why gets its first line of error. */
static enum rewrite_result run_rewriter(const struct rewrite_job *job, const char *out, char *why, size_t why_size)
{
	int err[2];
	if (pipe2(err, O_CLOEXEC) < 0) {
		reason(why, why_size, "cannot make a pipe: %s", strerror(errno));
		return REWRITE_ABANDONED;
	}
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	/* It gets its files by name and nothing of ours but the error pipe and its input (all else is O_CLOEXEC). */
	posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&actions, err[1], 2);
	if (job->in_fd >= 0)
		posix_spawn_file_actions_adddup2(&actions, job->in_fd, IN_FD);
	const char *in = job->in_fd >= 0 ? IN_PATH : job->in;
	char *argv[] = { (char *)job->tool, (char *)in, "-o", (char *)out, NULL };
	pid_t pid;
	int spawned = posix_spawnp(&pid, job->tool, &actions, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	close(err[1]);
	if (spawned != 0) {
		close(err[0]);
		reason(why, why_size, "cannot run %s: %s", job->tool, strerror(spawned));
		return REWRITE_ABANDONED;
	}
	enum rewrite_result result = watch(err[0], job->stop_fd, why, why_size);
	close(err[0]);
	if (result != REWRITE_DONE)
		kill(pid, SIGKILL);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (result == REWRITE_DONE && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		result = REWRITE_REFUSED;
	if (result == REWRITE_REFUSED && !*why)
		reason(why, why_size, "cocoon-rewrite failed");
	return result;
}

int rewrite_into(const struct rewrite_job *job, const char *dir, const char *stem, char *out,
		 enum rewrite_result *result, char *why, size_t why_size)
{
	int fd = snprintf(out, PATH_MAX, "%s/%s.XXXXXX", dir, stem) < PATH_MAX ? mkostemp(out, O_CLOEXEC) : -1;
	if (fd < 0) {
		reason(why, why_size, "cannot make a file in %s: %s", dir, strerror(errno));
		*result = REWRITE_ABANDONED;
		return -1;
	}
	close(fd);
	*result = run_rewriter(job, out, why, why_size);
	/* The rewriter writes the file anew, and may have left part of one when it failed. */
	fd = *result == REWRITE_ABANDONED ? -1 : open(out, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd >= 0 && *result == REWRITE_DONE && fstat(fd, &st) == 0 && st.st_size == 0) {
		reason(why, why_size, "cocoon-rewrite wrote nothing");
		*result = REWRITE_REFUSED;
	}
	if (fd >= 0 && *result == REWRITE_REFUSED && truncate(out, 0) < 0) {
		close(fd);
		fd = -1;
	}
	if (fd < 0) {
		unlink(out);
		*result = REWRITE_ABANDONED;
	}
	return fd;
}
