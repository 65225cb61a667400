/*
 * A forking server on loopback: the parent accepts and forks a child per
 * connection, which answers and ends; a client process makes the connections
 * one after another and checks each answer; SIGCHLD reaps the children.
 * Prints what both sides saw (no ports or pids: they differ between runs).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define CONNECTIONS 100

static volatile sig_atomic_t reaped, client_done;
static volatile pid_t client_pid;
static volatile int client_status;

/* Reap whatever ended; the client's status is kept. */
static void reap_one(pid_t pid, int st)
{
	if (pid == client_pid) {
		client_status = st;
		client_done = 1;
	} else {
		reaped++;
	}
}

static void reap(int sig)
{
	(void)sig;
	int saved = errno, st;
	pid_t pid;
	while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
		reap_one(pid, st);
	errno = saved;
}

static int client(struct sockaddr_in addr)
{
	int good = 0;
	for (int i = 0; i < CONNECTIONS; i++) {
		int s = socket(AF_INET, SOCK_STREAM, 0);
		if (s < 0 || connect(s, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
			printf("client: connection %d: %s\n", i, strerror(errno));
			return 1;
		}
		char req[32], resp[64] = { 0 };
		int n = snprintf(req, sizeof(req), "ping %d", i);
		if (write(s, req, (size_t)n) != n)
			return 1;
		shutdown(s, SHUT_WR);
		long got = 0, r;
		while ((r = read(s, resp + got, sizeof(resp) - 1 - (size_t)got)) > 0)
			got += r;
		char want[64];
		snprintf(want, sizeof(want), "pong %d from a child", i);
		good += strcmp(resp, want) == 0;
		close(s);
	}
	printf("client: %d of %d answers right\n", good, CONNECTIONS);
	return good == CONNECTIONS ? 0 : 1;
}

static void serve(int c)
{
	char buf[64] = { 0 };
	long got = 0, r;
	while ((r = read(c, buf + got, sizeof(buf) - 1 - (size_t)got)) > 0)
		got += r;
	int i = -1;
	sscanf(buf, "ping %d", &i);
	char out[64];
	int n = snprintf(out, sizeof(out), "pong %d from a child", i);
	if (write(c, out, (size_t)n) != n)
		_exit(1);
	_exit(0);
}

int main(void)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	struct sigaction sa = { .sa_handler = reap, .sa_flags = SA_RESTART };
	sigaction(SIGCHLD, &sa, 0);
	int l = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(addr);
	if (l < 0 || bind(l, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(l, 16) < 0 ||
	    getsockname(l, (struct sockaddr *)&addr, &len) < 0) {
		printf("server: %s\n", strerror(errno));
		return 1;
	}
	sigset_t chld, old;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	pid_t cl = fork();
	if (cl == 0) {
		close(l);
		_exit(client(addr));
	}
	client_pid = cl;
	sigprocmask(SIG_SETMASK, &old, 0);
	int served = 0;
	for (int i = 0; i < CONNECTIONS; i++) {
		int c = accept(l, 0, 0);
		if (c < 0) {
			printf("server: accept: %s\n", strerror(errno));
			break;
		}
		pid_t pid = fork();
		if (pid == 0) {
			close(l);
			serve(c);
		}
		served += pid > 0;
		close(c);
	}
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, 0);
	int st;
	pid_t pid;
	while ((pid = waitpid(-1, &st, 0)) > 0)
		reap_one(pid, st);
	printf("server: forked %d children, reaped %d\n", served, (int)reaped);
	printf("client %s\n", client_done && WIFEXITED(client_status) && WEXITSTATUS(client_status) == 0 ? "content" : "unhappy");
	return 0;
}
