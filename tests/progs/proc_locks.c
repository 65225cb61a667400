/*
 * fcntl record locks between processes on a file in DIR: F_GETLK naming the
 * holder's pid, F_SETLK refused, F_SETLKW waiting until the other unlocks or
 * a signal comes, EDEADLK for two processes waiting on each other, locks going
 * at the close of any descriptor of the file and at exit, OFD locks shared
 * with fork's child through their open file. Usage: proc_locks DIR. Prints no
 * pids, only whether they are the expected ones.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "proc_sync.h"

static char path[4096];
static int to_parent[2], to_child[2];

static int lock(int fd, int cmd, short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
	return fcntl(fd, cmd, &fl);
}

/* What F_GETLK (or F_OFD_GETLK) says about a write lock over [start, start+len). */
static void show_holder(int fd, int cmd, off_t start, off_t len, pid_t expect, const char *who)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
	if (fcntl(fd, cmd, &fl) < 0) {
		printf("%s: getlk: %s\n", who, strerror(errno));
		return;
	}
	if (fl.l_type == F_UNLCK) {
		printf("%s: unlocked\n", who);
		return;
	}
	printf("%s: %s lock at %ld len %ld, pid %s\n", who, fl.l_type == F_WRLCK ? "write" : "read", (long)fl.l_start,
	       (long)fl.l_len, fl.l_pid == expect ? "the holder's" : fl.l_pid == -1 ? "-1" : "another");
}

static int open_file(void)
{
	int fd = open(path, O_RDWR);
	if (fd < 0)
		printf("open: %s\n", strerror(errno));
	return fd;
}

static void reap(pid_t pid, const char *what)
{
	int st;
	fflush(stdout);
	if (waitpid(pid, &st, 0) < 0)
		printf("%s: waitpid: %s\n", what, strerror(errno));
	else
		printf("%s: %s %d\n", what, WIFEXITED(st) ? "exited" : "killed", WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
}

static _Noreturn void child_done(void)
{
	fflush(stdout);
	_exit(0);
}

static pid_t child(void)
{
	fflush(stdout);
	return fork();
}

/* The parent's write lock: the child sees it with the parent's pid and cannot take it. */
static void exclusion(int fd)
{
	printf("parent: write lock 0-99: %s\n", res(lock(fd, F_SETLK, F_WRLCK, 0, 100)));
	pid_t parent = getpid(), pid = child();
	if (pid == 0) {
		int mine = open_file();
		show_holder(mine, F_GETLK, 0, 1000, parent, "child");
		printf("child: write lock 50-59: %s\n", res(lock(mine, F_SETLK, F_WRLCK, 50, 10)));
		printf("child: read lock 50-59: %s\n", res(lock(mine, F_SETLK, F_RDLCK, 50, 10)));
		printf("child: write lock 100-199: %s\n", res(lock(mine, F_SETLK, F_WRLCK, 100, 100)));
		show_holder(mine, F_GETLK, 0, 50, parent, "child, its own lock not counted");
		child_done();
	}
	reap(pid, "exclusion child");
	show_holder(fd, F_GETLK, 100, 100, 0, "parent after the child's exit");
}

/* F_SETLKW in the child sleeps until the parent unlocks. */
static void waiting(int fd)
{
	pid_t pid = child();
	if (pid == 0) {
		int mine = open_file();
		tell(to_parent[1]);
		int r = lock(mine, F_SETLKW, F_WRLCK, 0, 10);
		tell(to_parent[1]);
		printf("child: F_SETLKW: %s\n", res(r));
		child_done();
	}
	hear(to_parent[0]);
	sleep_ms(300);
	fcntl(to_parent[0], F_SETFL, O_NONBLOCK);
	char c;
	printf("parent: child still waiting: %s\n", read(to_parent[0], &c, 1) < 0 && errno == EAGAIN ? "yes" : "no");
	fcntl(to_parent[0], F_SETFL, 0);
	printf("parent: unlocking 0-99\n");
	fflush(stdout);
	int r = lock(fd, F_SETLK, F_UNLCK, 0, 100);
	hear(to_parent[0]);
	reap(pid, "waiting child");
	printf("parent: unlock 0-99: %s\n", res(r));
}

/* Each holds what the other waits for: the second F_SETLKW is EDEADLK. */
static void deadlock(int fd)
{
	printf("parent: write lock 0-9: %s\n", res(lock(fd, F_SETLK, F_WRLCK, 0, 10)));
	fflush(stdout);
	pid_t pid = child();
	if (pid == 0) {
		int mine = open_file();
		printf("child: write lock 10-19: %s\n", res(lock(mine, F_SETLK, F_WRLCK, 10, 10)));
		fflush(stdout);
		tell(to_parent[1]);
		int r = lock(mine, F_SETLKW, F_WRLCK, 0, 10);
		printf("child: F_SETLKW 0-9 after the parent's unlock: %s\n", res(r));
		child_done();
	}
	hear(to_parent[0]);
	sleep_ms(300);
	printf("parent: F_SETLKW 10-19: %s\n", res(lock(fd, F_SETLKW, F_WRLCK, 10, 10)));
	fflush(stdout);
	int r = lock(fd, F_SETLK, F_UNLCK, 0, 10);
	reap(pid, "deadlock child");
	printf("parent: unlock 0-9: %s\n", res(r));
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* A signal ends F_SETLKW with EINTR (no SA_RESTART). */
static void interrupted(int fd)
{
	printf("parent: write lock 0-9: %s\n", res(lock(fd, F_SETLK, F_WRLCK, 0, 10)));
	pid_t pid = child();
	if (pid == 0) {
		struct sigaction sa = { .sa_handler = on_alarm };
		sigaction(SIGALRM, &sa, 0);
		int mine = open_file();
		struct itimerval it = { .it_value = { 0, 200000 } };
		setitimer(ITIMER_REAL, &it, 0);
		printf("child: F_SETLKW until SIGALRM: %s\n", res(lock(mine, F_SETLKW, F_WRLCK, 0, 10)));
		child_done();
	}
	reap(pid, "interrupted child");
	lock(fd, F_SETLK, F_UNLCK, 0, 0);
}

/* The child's locks go when it closes another descriptor of the file, and when it ends. */
static void released(int fd)
{
	pid_t pid = child();
	if (pid == 0) {
		int mine = open_file(), other = open_file();
		printf("child: write lock 0-9 and 20-29: %s %s\n", res(lock(mine, F_SETLK, F_WRLCK, 0, 10)),
		       res(lock(mine, F_SETLK, F_WRLCK, 20, 10)));
		fflush(stdout);
		tell(to_parent[1]);
		hear(to_child[0]);
		close(other);
		tell(to_parent[1]);
		hear(to_child[0]);
		printf("child: write lock 40-49 again: %s\n", res(lock(mine, F_SETLK, F_WRLCK, 40, 10)));
		fflush(stdout);
		tell(to_parent[1]);
		hear(to_child[0]);
		child_done();
	}
	hear(to_parent[0]);
	show_holder(fd, F_GETLK, 0, 10, pid, "parent, before the child's close");
	tell(to_child[1]);
	hear(to_parent[0]);
	show_holder(fd, F_GETLK, 0, 0, pid, "parent, after the child closed another descriptor");
	tell(to_child[1]);
	hear(to_parent[0]);
	show_holder(fd, F_GETLK, 40, 10, pid, "parent, before the child's exit");
	tell(to_child[1]);
	reap(pid, "releasing child");
	show_holder(fd, F_GETLK, 0, 0, pid, "parent, after the child's exit");
}

/* OFD locks belong to the open file: fork's child shares it, a new open does not. */
static void ofd(void)
{
	int fd = open_file();
	printf("parent: OFD write lock 0-9: %s\n", res(lock(fd, F_OFD_SETLK, F_WRLCK, 0, 10)));
	pid_t pid = child();
	if (pid == 0) {
		printf("child: OFD write lock 0-9 through the shared file: %s\n", res(lock(fd, F_OFD_SETLK, F_WRLCK, 0, 10)));
		int mine = open_file();
		printf("child: OFD write lock 0-9 through its own open: %s\n", res(lock(mine, F_OFD_SETLK, F_WRLCK, 0, 10)));
		printf("child: POSIX write lock 0-9: %s\n", res(lock(mine, F_SETLK, F_WRLCK, 0, 10)));
		show_holder(mine, F_OFD_GETLK, 0, 10, 0, "child");
		child_done();
	}
	reap(pid, "OFD child");
	close(fd);
	fd = open_file();
	show_holder(fd, F_OFD_GETLK, 0, 10, 0, "parent after closing the OFD lock's file");
	close(fd);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: proc_locks DIR\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/locked", argv[1]);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || pipe(to_parent) < 0 || pipe(to_child) < 0) {
		perror(path);
		return 1;
	}
	exclusion(fd);
	waiting(fd);
	deadlock(fd);
	interrupted(fd);
	released(fd);
	ofd();
	unlink(path);
	return 0;
}
