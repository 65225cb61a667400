/* Running cocoon-rewrite (rewriter.c): for the program (rewrite.c) and the libraries (rewrite_server.c). */
#ifndef MONITOR_REWRITER_H
#define MONITOR_REWRITER_H

#include <stddef.h>

/* A rewrite taking longer is stopped and counts as refused: a crafted file must not hold the VM for ever. */
#define REWRITE_SECONDS 60

/* One run: tool rewrites in (a path), or with in_fd >= 0 that open file instead. */
struct rewrite_job {
	const char *tool;
	const char *in;
	int in_fd;
	int stop_fd; /* >= 0: give up once it is readable or hung up (who asked is gone) */
};

enum rewrite_result {
	REWRITE_DONE,
	REWRITE_REFUSED, /* the rewriter failed, or took longer than REWRITE_SECONDS */
	REWRITE_ABANDONED, /* not finished: stop_fd stirred, or no file or no process to run it in */
};

/*
 * Run job into a new file in dir, named stem.XXXXXX (its path left in out,
 * PATH_MAX bytes): the new file open read-only, or -1 with why. After
 * REFUSED the file is empty (why: the rewriter's first line of error, or
 * that it wrote nothing); after ABANDONED there is none and -1 is returned.
 */
int rewrite_into(const struct rewrite_job *job, const char *dir, const char *stem, char *out,
		 enum rewrite_result *result, char *why, size_t why_size);

#endif
