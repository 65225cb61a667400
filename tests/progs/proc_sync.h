/*
 * What the lock tests between processes share (proc_locks.c, proc_flock.c): a
 * byte through a pipe to tell another process a step is done, a pause, and a
 * call's result as the line prints it.
 */
#ifndef COCOON_PROC_SYNC_H
#define COCOON_PROC_SYNC_H

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static inline const char *res(int r)
{
	return r < 0 ? strerror(errno) : "ok";
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
