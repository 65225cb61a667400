/*
 * The rewrite server: a process uhyve-run starts before it confines itself
 * (the confined monitor may neither fork nor exec), which makes the copies
 * of shared libraries the cache lacks. A library comes as the descriptor the
 * monitor opened, over a socket, never as a path or a name, and the server
 * trusts neither: it checks the file itself and names its entry from what
 * the host says of it. At most LIB_REWRITES_MAX rewrites a run. It holds
 * nothing of uhyve-run's (no descriptor but its socket, no terminal, and no
 * guest: it starts before the VM exists), runs under a filter of its own
 * (confine_helper), and ends when the monitor's end of the socket closes,
 * stopping a rewrite under way.
 */
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cache.h"
#include "confine.h"
#include "fdpass.h"
#include "lib_copy.h"
#include "rewrite_server.h"

#define SOCK_FD 3 /* the server's end of the socket, close-on-exec */

struct server {
	const char *dir, *tool;
	const struct stat *tool_st;
	unsigned rewrites;
};

/* The answer for the library (or program) open as fd, and in *copy its copy (made if missing) or -1. */
static char copy_of(struct server *s, int fd, bool program, int *copy)
{
	struct stat st, entry;
	char name[CACHE_NAME_MAX], why[256];
	*copy = -1;
	if (fstat(fd, &st) < 0 || !lib_rewritable(fd, &st, program) || !cache_entry_name(fd, &st, s->tool_st, name))
		return SERVER_NONE;
	/* Made since the monitor looked, by another uhyve-run? */
	*copy = cache_entry_open(s->dir, name, &entry);
	if (*copy >= 0 && entry.st_size > 0)
		return SERVER_COPY;
	if (*copy >= 0) { /* empty: cocoon-rewrite refused it before */
		close(*copy);
		*copy = -1;
		return SERVER_NONE;
	}
	if (s->rewrites == LIB_REWRITES_MAX)
		return SERVER_SPENT;
	s->rewrites++;
	const struct rewrite_job job = { .tool = s->tool, .in_fd = fd, .stop_fd = SOCK_FD };
	enum rewrite_result result;
	*copy = cache_entry_make(s->dir, name, &job, &result, why, sizeof(why));
	return *copy >= 0 ? SERVER_COPY : SERVER_NONE;
}

static _Noreturn void serve(struct server *s)
{
	for (;;) {
		char request, answer;
		int fd, copy = -1;
		if (fd_recv(SOCK_FD, &request, &fd) <= 0)
			_exit(0);
		answer = fd >= 0 && (request == SERVER_LIBRARY || request == SERVER_PROGRAM)
				 ? copy_of(s, fd, request == SERVER_PROGRAM, &copy)
				 : SERVER_NONE;
		if (fd >= 0)
			close(fd);
		int sent = fd_send(SOCK_FD, answer, copy);
		if (copy >= 0)
			close(copy);
		if (sent < 0)
			_exit(0);
	}
}

/* In the new process: its socket at SOCK_FD, /dev/null for the streams, nothing else; confined. */
static _Noreturn void server_main(int sock, struct server *s)
{
	int high = fcntl(sock, F_DUPFD_CLOEXEC, SOCK_FD + 1), null = open("/dev/null", O_RDWR);
	if (high < 0 || null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0 ||
	    dup3(high, SOCK_FD, O_CLOEXEC) < 0)
		_exit(0);
	close_from(SOCK_FD + 1);
	/* Its own session: no terminal to reach, none of the terminal's signals (it ends with the monitor). */
	setsid();
	if (confine_helper() < 0)
		_exit(0);
	serve(s);
}

int rewrite_server_start(const char *dir, const char *tool, const struct stat *tool_st)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		struct server s = { .dir = dir, .tool = tool, .tool_st = tool_st };
		server_main(sv[1], &s);
	}
	close(sv[1]);
	if (pid < 0) {
		close(sv[0]);
		return -1;
	}
	return sv[0];
}
