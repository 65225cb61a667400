/*
 * Writing to a pipe nobody reads raises SIGPIPE in the writing thread whatever its
 * disposition: a handler runs before write(2) returns EPIPE (GNU sort's handler removes
 * its temporary files and raises the signal again); a blocked one stays pending; an
 * ignored one leaves EPIPE alone. The same through writev, splice, a socket and a thread.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static volatile sig_atomic_t caught;
static volatile pid_t caught_in;

static void on_pipe(int sig)
{
	caught++;
	caught_in = (pid_t)syscall(SYS_gettid);
	(void)sig;
}

/* A pipe whose reading end is closed: its writing end. */
static int widowed_pipe(void)
{
	int p[2];
	if (pipe(p) < 0)
		return -1;
	close(p[0]);
	return p[1];
}

static void report(const char *what, long r, int before)
{
	printf("%s: %ld %s, handler ran %d time(s)\n", what, r, r < 0 ? strerror(errno) : "", caught - before);
}

static void *writer(void *arg)
{
	int fd = *(int *)arg, before = caught;
	long r = write(fd, "x", 1);
	report("write from a thread", r, before);
	printf("in the writing thread: %s\n", caught_in == (pid_t)syscall(SYS_gettid) ? "yes" : "no");
	return NULL;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_pipe;
	sigaction(SIGPIPE, &sa, NULL);

	int fd = widowed_pipe(), before = caught;
	report("write", write(fd, "x", 1), before);
	struct iovec iov[2] = { { "ab", 2 }, { "cd", 2 } };
	before = caught;
	report("writev", writev(fd, iov, 2), before);

	int in[2];
	pipe(in);
	write(in[1], "data", 4);
	before = caught;
	report("splice", splice(in[0], NULL, fd, NULL, 4, 0), before);

	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	close(sv[1]);
	before = caught;
	report("socket write", write(sv[0], "x", 1), before);
	before = caught;
	report("send MSG_NOSIGNAL", send(sv[0], "x", 1, MSG_NOSIGNAL), before);

	pthread_t t;
	pthread_create(&t, NULL, writer, &fd);
	pthread_join(t, NULL);

	sigset_t set, pending;
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, NULL);
	before = caught;
	report("write, SIGPIPE blocked", write(fd, "x", 1), before);
	sigpending(&pending);
	printf("pending: %s\n", sigismember(&pending, SIGPIPE) ? "yes" : "no");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("after unblocking, handler ran %d time(s) in all\n", caught);

	signal(SIGPIPE, SIG_IGN);
	before = caught;
	report("write, SIGPIPE ignored", write(fd, "x", 1), before);

	signal(SIGPIPE, SIG_DFL);
	write(fd, "x", 1);
	printf("not reached: the default action ends the program\n");
	return 0;
}
