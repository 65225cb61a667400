/*
 * Thousands of descriptors, as servers use them: RLIMIT_NOFILE as the parent
 * set it (the test runs under known limits), raised as redis raises it, with
 * Linux's errors past the hard limit; about 5000 descriptors of files, pipes
 * and eventfds, the high ones polled and watched by epoll; EMFILE, EBADF and
 * EINVAL at the soft limit; fork copying the table and exec keeping it;
 * close_range marking a range close-on-exec, then closing everything from 3 on.
 *
 * Usage: many_fds DIR (DIR unused: the program runs from a copy it can exec).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define WANT 10032     /* redis's setrlimit for 10000 clients */
#define FILES 4500     /* /dev/null opened anew each time: more than 4096 open files */
#define PIPES 20
#define EVENTFDS 20
#define PIPE_R 9000    /* a pipe's ends moved high */
#define PIPE_W 9001
#define EVENT_HIGH 8000 /* an eventfd moved high, close-on-exec */
#define NR_CLOSE_RANGE 436 /* musl's headers lack it */
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_UNSHARE 2
#define CLOSE_RANGE_CLOEXEC 4
#endif

static const char *err_name(int e)
{
	switch (e) {
	case EMFILE: return "EMFILE";
	case EBADF: return "EBADF";
	case EINVAL: return "EINVAL";
	case EPERM: return "EPERM";
	default: return strerror(e);
	}
}

static void show(const char *what, long r)
{
	if (r < 0)
		printf("%s: %s\n", what, err_name(errno));
	else
		printf("%s: %ld\n", what, r);
}

static void show_set(const char *what, rlim_t cur, rlim_t max)
{
	struct rlimit rl = { cur, max };
	show(what, setrlimit(RLIMIT_NOFILE, &rl));
}

/* Open descriptors below limit, and the highest of them. */
static int count_open(int limit, int *highest)
{
	int n = 0;
	*highest = -1;
	for (int fd = 0; fd < limit; fd++)
		if (fcntl(fd, F_GETFD) >= 0) {
			n++;
			*highest = fd;
		}
	return n;
}

static void after_exec(void)
{
	struct rlimit rl;
	int highest;
	getrlimit(RLIMIT_NOFILE, &rl);
	int n = count_open(WANT, &highest);
	printf("after exec: limit %lu, %d open, highest %d, close-on-exec one %s\n", (unsigned long)rl.rlim_cur, n,
	       highest, fcntl(EVENT_HIGH, F_GETFD) < 0 ? "closed" : "open");
	char c;
	printf("after exec: the high pipe reads %s\n", read(PIPE_R, &c, 1) == 1 && c == 'e' ? "the parent's byte" : "wrong");
}

static void poll_high(const char *who)
{
	struct pollfd p[] = { { PIPE_R, POLLIN, 0 }, { PIPE_W, POLLOUT, 0 }, { EVENT_HIGH, POLLIN, 0 },
			      { 4000, POLLIN | POLLOUT, 0 }, { WANT - 1, POLLIN, 0 } };
	int n = poll(p, 5, 1000);
	printf("%s: poll %d:", who, n);
	for (int i = 0; i < 5; i++)
		printf(" %d=%#x", p[i].fd, p[i].revents);
	printf("\n");
}

static void epoll_high(void)
{
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = { .events = EPOLLIN }, out[4];
	ev.data.fd = PIPE_R;
	epoll_ctl(ep, EPOLL_CTL_ADD, PIPE_R, &ev);
	ev.data.fd = EVENT_HIGH;
	epoll_ctl(ep, EPOLL_CTL_ADD, EVENT_HIGH, &ev);
	int n = epoll_wait(ep, out, 4, 1000);
	int sum = 0;
	for (int i = 0; i < n; i++)
		sum += out[i].data.fd;
	printf("epoll on %d: %d ready, their descriptors add up to %d\n", ep, n, sum);
	close(ep);
}

int main(int argc, char **argv)
{
	struct rlimit rl;
	int p[2], highest;
	setvbuf(stdout, 0, _IONBF, 0);
	if (argc == 2 && strcmp(argv[1], "--after-exec") == 0) {
		after_exec();
		return 3;
	}
	if (argc != 2)
		return 2;
	for (int fd = 3; fd < 1024; fd++)
		close(fd);
	getrlimit(RLIMIT_NOFILE, &rl);
	printf("at start: soft %lu, hard %lu\n", (unsigned long)rl.rlim_cur, (unsigned long)rl.rlim_max);
	if (rl.rlim_max < WANT + 1) {
		printf("the hard limit is below %d: nothing more to check\n", WANT + 1);
		return 0;
	}
	rlim_t hard = rl.rlim_max;
	show_set("soft above hard", hard + 1, hard);
	show_set("hard past nr_open", WANT, 1UL << 30);
	show_set("to 10032", WANT, hard);
	getrlimit(RLIMIT_NOFILE, &rl);
	printf("now: soft %lu\n", (unsigned long)rl.rlim_cur);

	int opened = 0;
	for (int i = 0; i < FILES && open("/dev/null", O_RDWR) >= 0; i++)
		opened++;
	for (int i = 0; i < PIPES && pipe(p) == 0; i++)
		opened += 2;
	for (int i = 0; i < EVENTFDS && eventfd(0, 0) >= 0; i++)
		opened++;
	while (opened < 5000 && dup(0) >= 0)
		opened++;
	int n = count_open(WANT, &highest);
	printf("opened %d, then %d open, the highest %d\n", opened, n, highest);

	if (pipe(p) < 0)
		return 1;
	show("dup2 of a pipe's read end to 9000", dup2(p[0], PIPE_R));
	show("dup2 of its write end to 9001", dup2(p[1], PIPE_W));
	close(p[0]);
	close(p[1]);
	int e = eventfd(5, EFD_CLOEXEC);
	show("dup3 of an eventfd to 8000", dup3(e, EVENT_HIGH, O_CLOEXEC));
	close(e);
	show("dup2 to the last allowed", dup2(0, WANT - 1));
	show("dup2 to the limit", dup2(0, WANT));
	show("F_DUPFD at the limit", fcntl(0, F_DUPFD, WANT));
	show("F_DUPFD from 8500", fcntl(0, F_DUPFD, 8500));
	show("write to 9001", write(PIPE_W, "x", 1));
	poll_high("parent");
	epoll_high();
	struct pollfd *many = calloc(WANT + 1, sizeof(*many));
	for (int i = 0; i <= WANT; i++)
		many[i].fd = -1;
	show("poll of the soft limit's count", poll(many, WANT, 0));
	show("poll of one more", poll(many, WANT + 1, 0));
	free(many);

	int more = 0;
	while (dup(0) >= 0)
		more++;
	printf("dup until it fails: %d more, then %s\n", more, err_name(errno));
	show("F_DUPFD 3, table full", fcntl(0, F_DUPFD, 3));
	show("pipe, table full", pipe(p));
	show("eventfd, table full", eventfd(0, 0));
	close(4321);
	show("F_DUPFD 4000 finds the one free", fcntl(0, F_DUPFD, 4000));
	for (int fd = 3000; fd < 3100; fd++)
		close(fd);
	printf("open %d\n", count_open(WANT, &highest));

	pid_t pid = fork();
	if (pid == 0) {
		n = count_open(WANT, &highest);
		printf("child: %d open, highest %d\n", n, highest);
		poll_high("child");
		char c;
		printf("child: read from 9000: %s\n", read(PIPE_R, &c, 1) == 1 ? "the parent's byte" : "nothing");
		show("child: open past the parent's last", open("/dev/null", O_RDONLY));
		_exit(7);
	}
	int st;
	waitpid(pid, &st, 0);
	printf("child exited with %d\n", WEXITSTATUS(st));
	show("parent: open", open("/dev/null", O_RDONLY));

	show("write to 9001 for exec", write(PIPE_W, "e", 1));
	pid = fork();
	if (pid == 0) {
		char *args[] = { argv[0], "--after-exec", 0 };
		execv(argv[0], args);
		printf("exec failed: %s\n", strerror(errno));
		_exit(1);
	}
	waitpid(pid, &st, 0);
	printf("exec'd child exited with %d\n", WEXITSTATUS(st));

	show("close_range, first past last", syscall(NR_CLOSE_RANGE, 10, 5, 0));
	show("close_range, an unknown flag", syscall(NR_CLOSE_RANGE, 3, 10, 1));
	show("close_range 100..199 close-on-exec", syscall(NR_CLOSE_RANGE, 100, 199, CLOSE_RANGE_CLOEXEC));
	printf("flags of 99, 100, 199, 200: %d %d %d %d\n", fcntl(99, F_GETFD), fcntl(100, F_GETFD),
	       fcntl(199, F_GETFD), fcntl(200, F_GETFD));
	show("close_range 3.. unsharing", syscall(NR_CLOSE_RANGE, 3, ~0U, CLOSE_RANGE_UNSHARE));
	n = count_open(WANT, &highest);
	printf("after it: %d open, the highest %d\n", n, highest);
	return 0;
}
