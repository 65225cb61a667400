/*
 * What the tests between processes share (proc_locks.c, proc_flock.c,
 * pty_jobs.c...): a byte through a pipe to tell another process a step is
 * done, a pause, a call's result and a wait status as the line prints them.
 */
#ifndef COCOON_PROC_SYNC_H
#define COCOON_PROC_SYNC_H

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static inline const char *res(int r)
{
	return r < 0 ? strerror(errno) : "ok";
}

/* A child's wait status: stopped, killed or exited, and by what. */
static inline void status(const char *who, int st)
{
	if (WIFSTOPPED(st))
		printf("%s: stopped by %s\n", who, strsignal(WSTOPSIG(st)));
	else if (WIFSIGNALED(st))
		printf("%s: killed by %s\n", who, strsignal(WTERMSIG(st)));
	else
		printf("%s: exited %d\n", who, WEXITSTATUS(st));
}

static inline void tell(int fd)
{
	if (write(fd, "x", 1) != 1)
		perror("write");
}

static inline void hear(int fd)
{
	char c;
	if (read(fd, &c, 1) != 1)
		perror("read");
}

static inline void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };
	nanosleep(&ts, 0);
}

#endif
