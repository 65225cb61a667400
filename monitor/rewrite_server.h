/* The rewrite server (rewrite_server.c): makes the cache's missing library copies for the confined monitor. */
#ifndef MONITOR_REWRITE_SERVER_H
#define MONITOR_REWRITE_SERVER_H

#include <sys/stat.h>

/* A request, one byte with the file's descriptor: a library's copy, or a program's. */
enum {
	SERVER_LIBRARY = 'r',
	SERVER_PROGRAM = 'p',
};

/* Its answer to a request, one byte. */
enum {
	SERVER_COPY = 'c', /* with the copy's descriptor */
	SERVER_NONE = 'n', /* no copy: not a library, or cocoon-rewrite refused it */
	SERVER_SPENT = 's', /* no copy, and none will be made: this run's rewrites are used up */
};

/* Start it, rewriting into the cache dir with tool (tool_st: its stat); our end of its socket, or -1. */
int rewrite_server_start(const char *dir, const char *tool, const struct stat *tool_st);

#endif
