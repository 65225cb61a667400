/*
 * flock(2) between processes, on a file in DIR and on one in /tmp: a counter
 * in the file that four processes add to under LOCK_EX (no update lost),
 * LOCK_NB refused while another open file holds the lock, a waiter woken by
 * the holder's unlock, by the close of its last descriptor and by its exit,
 * a signal ending a wait (EINTR) or restarting it (SA_RESTART), dup and fork
 * sharing a lock (two processes waiting through one open file), a second
 * open conflicting in one process, conversions (which drop the lock first,
 * as on Linux), flock and fcntl locks apart, and the errors. Usage:
 * proc_flock DIR. Every line is printed in an order the processes agree on
 * through pipes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "proc_sync.h"

#define WORKERS 4
#define ROUNDS 50

static const char *path;
static int to_parent[2], to_child[2];

/* Has the child written to the pipe (without waiting for it)? */
static const char *heard(void)
{
	char c;
	fcntl(to_parent[0], F_SETFL, O_NONBLOCK);
	ssize_t n = read(to_parent[0], &c, 1);
	fcntl(to_parent[0], F_SETFL, 0);
	return n == 1 ? "yes" : "no";
}

/* What a child told that no one heard (where a lock did not hold): gone before the next case. */
static void drain(void)
{
	while (*heard() == 'y')
		;
}

static int open_file(void)
{
	int fd = open(path, O_RDWR);
	if (fd < 0)
		printf("open: %s\n", strerror(errno));
	return fd;
}

static void reap(pid_t pid)
{
	int st;
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
		printf("child did not exit cleanly\n");
	drain();
}

/* Add 1 to the counter ROUNDS times, each under LOCK_EX of a new open, let go by LOCK_UN or by close. */
static void count(void)
{
	for (int i = 0; i < ROUNDS; i++) {
		int fd = open_file(), n = 0;
		if (flock(fd, LOCK_EX) < 0)
			printf("flock: %s\n", strerror(errno));
		if (pread(fd, &n, sizeof(n), 0) < 0)
			perror("pread");
		sched_yield(); /* the others run between the read and the write */
		n++;
		if (pwrite(fd, &n, sizeof(n), 0) != sizeof(n))
			perror("pwrite");
		if (i % 2)
			flock(fd, LOCK_UN);
		close(fd);
	}
}

static void counter(void)
{
	int fd = open_file(), n = 0;
	if (pwrite(fd, &n, sizeof(n), 0) != sizeof(n))
		perror("pwrite");
	pid_t pids[WORKERS - 1];
	for (int i = 0; i < WORKERS - 1; i++)
		if ((pids[i] = fork()) == 0) {
			count();
			_exit(0);
		}
	count();
	for (int i = 0; i < WORKERS - 1; i++)
		reap(pids[i]);
	if (pread(fd, &n, sizeof(n), 0) < 0)
		perror("pread");
	printf("counter after %d processes each added %d: %d\n", WORKERS, ROUNDS, n);
	close(fd);
}

/* Another open file's LOCK_NB requests while the parent holds LOCK_EX, then LOCK_SH. */
static void nonblocking(void)
{
	int fd = open_file();
	printf("parent: LOCK_EX: %s\n", res(flock(fd, LOCK_EX)));
	pid_t pid = fork();
	if (pid == 0) {
		int mine = open_file();
		printf("child: LOCK_EX|LOCK_NB: %s\n", res(flock(mine, LOCK_EX | LOCK_NB)));
		printf("child: LOCK_SH|LOCK_NB: %s\n", res(flock(mine, LOCK_SH | LOCK_NB)));
		tell(to_parent[1]);
		hear(to_child[0]);
		printf("child: LOCK_SH|LOCK_NB beside the parent's shared lock: %s\n", res(flock(mine, LOCK_SH | LOCK_NB)));
		printf("child: LOCK_EX|LOCK_NB beside it: %s\n", res(flock(mine, LOCK_EX | LOCK_NB)));
		_exit(0);
	}
	hear(to_parent[0]);
	printf("parent: LOCK_SH (from LOCK_EX): %s\n", res(flock(fd, LOCK_SH)));
	tell(to_child[1]);
	reap(pid);
	close(fd);
}

/* A child waits in LOCK_EX while the parent holds the lock; release() lets it go. */
static void woken(const char *how, void (*release)(int fd))
{
	int fd = open_file();
	flock(fd, LOCK_EX);
	pid_t pid = fork();
	if (pid == 0) {
		close(fd); /* else the parent's open file, and its lock, would live on in the child */
		int mine = open_file();
		tell(to_parent[1]);
		int r = flock(mine, LOCK_EX);
		tell(to_parent[1]);
		printf("child: LOCK_EX after the parent's %s: %s\n", how, res(r));
		_exit(0);
	}
	hear(to_parent[0]);
	sleep_ms(300);
	printf("parent: the child has the lock: %s\n", heard());
	release(fd);
	reap(pid);
	close(fd);
}

static void by_unlock(int fd)
{
	flock(fd, LOCK_UN);
}

/* A dup keeps the lock: only the last descriptor's close drops it. */
static void by_close(int fd)
{
	int copy = dup(fd);
	close(fd);
	sleep_ms(300);
	printf("parent: the child has the lock after the close of one of two descriptors: %s\n", heard());
	close(copy);
}

/* The holder is a child that ends: the parent's LOCK_EX waits for its exit. */
static void holder_exit(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		int mine = open_file();
		flock(mine, LOCK_EX);
		tell(to_parent[1]);
		sleep_ms(300);
		tell(to_parent[1]); /* ending now */
		_exit(0);
	}
	int fd = open_file();
	hear(to_parent[0]);
	int r = flock(fd, LOCK_EX);
	printf("parent: LOCK_EX: %s, the holder had ended: %s\n", res(r), heard());
	reap(pid);
	close(fd);
}

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

/* SIGALRM during a child's wait: EINTR without SA_RESTART, the wait going on with it. */
static void interrupted(int flags)
{
	int fd = open_file();
	flock(fd, LOCK_EX);
	pid_t pid = fork();
	if (pid == 0) {
		struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = flags };
		sigaction(SIGALRM, &sa, 0);
		int mine = open_file();
		struct itimerval it = { .it_value = { 0, 200000 } };
		tell(to_parent[1]);
		setitimer(ITIMER_REAL, &it, 0);
		int r = flock(mine, LOCK_EX);
		printf("child: LOCK_EX, SIGALRM %s: %s, handler ran %d time(s)\n",
		       flags ? "with SA_RESTART" : "without SA_RESTART", res(r), (int)alarms);
		_exit(0);
	}
	hear(to_parent[0]);
	if (flags) {
		sleep_ms(600);
		flock(fd, LOCK_UN);
	}
	reap(pid);
	close(fd);
}

/* dup and fork share the open file and its lock; another open of the file is another lock, even here. */
static void sharing(void)
{
	int fd = open_file(), copy = dup(fd), other = open_file();
	printf("LOCK_EX: %s\n", res(flock(fd, LOCK_EX)));
	printf("LOCK_EX|LOCK_NB through a dup: %s\n", res(flock(copy, LOCK_EX | LOCK_NB)));
	printf("LOCK_SH|LOCK_NB through a second open: %s\n", res(flock(other, LOCK_SH | LOCK_NB)));
	pid_t pid = fork();
	if (pid == 0) {
		printf("child: LOCK_EX|LOCK_NB through the inherited descriptor: %s\n", res(flock(fd, LOCK_EX | LOCK_NB)));
		_exit(0);
	}
	reap(pid);
	printf("LOCK_UN through the dup: %s\n", res(flock(copy, LOCK_UN)));
	printf("LOCK_EX|LOCK_NB through the second open: %s\n", res(flock(other, LOCK_EX | LOCK_NB)));
	printf("LOCK_SH|LOCK_NB through the first: %s\n", res(flock(fd, LOCK_SH | LOCK_NB)));
	close(other);
	printf("LOCK_SH|LOCK_NB through the first after the second's close: %s\n", res(flock(fd, LOCK_SH | LOCK_NB)));
	close(fd);
	close(copy);
}

/*
 * Two children wait, for LOCK_EX and LOCK_SH, through the one open file they
 * inherited: both get it when the parent's other open lets go (the second
 * replacing the first's), and it stays the open file's after they end.
 */
static void two_waiters(void)
{
	int shared = open_file(), fd = open_file();
	flock(fd, LOCK_EX);
	pid_t pids[2];
	for (int i = 0; i < 2; i++)
		if ((pids[i] = fork()) == 0) {
			close(fd);
			tell(to_parent[1]);
			_exit(flock(shared, i ? LOCK_SH : LOCK_EX) < 0);
		}
	hear(to_parent[0]);
	hear(to_parent[0]);
	sleep_ms(300);
	flock(fd, LOCK_UN);
	for (int i = 0; i < 2; i++) {
		int st;
		waitpid(pids[i], &st, 0);
		printf("child %d: %s through the shared open file: %s\n", i, i ? "LOCK_SH" : "LOCK_EX",
		       WIFEXITED(st) && !WEXITSTATUS(st) ? "ok" : "failed");
	}
	printf("parent: LOCK_EX|LOCK_NB through its other open: %s\n", res(flock(fd, LOCK_EX | LOCK_NB)));
	close(shared);
	printf("parent: again after closing the shared one: %s\n", res(flock(fd, LOCK_EX | LOCK_NB)));
	close(fd);
}

/*
 * Parent and child hold LOCK_SH: the parent's LOCK_EX|LOCK_NB fails and
 * leaves it nothing, so the child's conversion succeeds; the parent's
 * blocking conversion then waits for the child's unlock.
 */
static void conversion(void)
{
	int fd = open_file();
	printf("parent: LOCK_SH: %s\n", res(flock(fd, LOCK_SH)));
	pid_t pid = fork();
	if (pid == 0) {
		int mine = open_file();
		printf("child: LOCK_SH: %s\n", res(flock(mine, LOCK_SH | LOCK_NB)));
		tell(to_parent[1]);
		hear(to_child[0]);
		printf("child: LOCK_EX|LOCK_NB (from LOCK_SH): %s\n", res(flock(mine, LOCK_EX | LOCK_NB)));
		printf("child: LOCK_SH (from LOCK_EX): %s\n", res(flock(mine, LOCK_SH)));
		tell(to_parent[1]);
		sleep_ms(300);
		tell(to_parent[1]); /* unlocking now */
		flock(mine, LOCK_UN);
		_exit(0);
	}
	hear(to_parent[0]);
	printf("parent: LOCK_EX|LOCK_NB (from LOCK_SH): %s\n", res(flock(fd, LOCK_EX | LOCK_NB)));
	tell(to_child[1]);
	hear(to_parent[0]);
	int r = flock(fd, LOCK_EX);
	printf("parent: LOCK_EX: %s, after the child's unlock: %s\n", res(r), heard());
	reap(pid);
	close(fd);
}

static int record_lock(int fd, short type)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET };
	return fcntl(fd, F_SETLK, &fl);
}

/* A flock lock and an fcntl lock on the same file do not see each other. */
static void with_fcntl(void)
{
	int fd = open_file();
	printf("parent: LOCK_EX: %s\n", res(flock(fd, LOCK_EX)));
	pid_t pid = fork();
	if (pid == 0) {
		int mine = open_file();
		printf("child: F_SETLK F_WRLCK: %s\n", res(record_lock(mine, F_WRLCK)));
		printf("child: LOCK_EX|LOCK_NB: %s\n", res(flock(mine, LOCK_EX | LOCK_NB)));
		tell(to_parent[1]);
		hear(to_child[0]);
		_exit(0);
	}
	hear(to_parent[0]);
	printf("parent: F_SETLK F_WRLCK: %s\n", res(record_lock(fd, F_WRLCK)));
	printf("parent: LOCK_UN: %s\n", res(flock(fd, LOCK_UN)));
	tell(to_child[1]);
	reap(pid);
	close(fd);
}

static void errors(void)
{
	int fd = open(path, O_RDONLY), p[2];
	printf("LOCK_EX on a read-only descriptor: %s\n", res(flock(fd, LOCK_EX | LOCK_NB)));
	printf("LOCK_UN twice: %s %s\n", res(flock(fd, LOCK_UN)), res(flock(fd, LOCK_UN)));
	printf("a bad descriptor: %s\n", res(flock(-1, LOCK_EX)));
	printf("operation 0: %s\n", res(flock(fd, 0)));
	printf("LOCK_SH|LOCK_EX: %s\n", res(flock(fd, LOCK_SH | LOCK_EX)));
	printf("LOCK_NB alone on a bad descriptor: %s\n", res(flock(-1, LOCK_NB)));
	close(fd);
	if (pipe(p) == 0) {
		printf("LOCK_EX on a pipe: %s\n", res(flock(p[0], LOCK_EX | LOCK_NB)));
		close(p[0]);
		close(p[1]);
	}
}

static void run_all(const char *where)
{
	printf("== %s\n", where);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		printf("create: %s\n", strerror(errno));
		return;
	}
	close(fd);
	counter();
	nonblocking();
	woken("unlock", by_unlock);
	woken("close of its last descriptor", by_close);
	holder_exit();
	interrupted(0);
	interrupted(SA_RESTART);
	sharing();
	two_waiters();
	conversion();
	with_fcntl();
	errors();
	unlink(path);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: proc_flock DIR\n");
		return 2;
	}
	setvbuf(stdout, 0, _IONBF, 0); /* each line out when printed: the processes order them */
	if (pipe(to_parent) < 0 || pipe(to_child) < 0) {
		perror("pipe");
		return 1;
	}
	char file[4096];
	snprintf(file, sizeof(file), "%s/flocked", argv[1]);
	path = file;
	run_all("a file in DIR");
	snprintf(file, sizeof(file), "/tmp/proc_flock.%d", (int)getpid());
	run_all("a file in /tmp");
	return 0;
}
