/*
 * Limits that hold: RLIMIT_NOFILE bounds every descriptor allocation, RLIMIT_AS
 * all mappings, RLIMIT_DATA private writable ones and brk. The process's own
 * starting mappings differ between Linux and the VM, so counts are printed as
 * ranges relative to the limit, never as addresses or exact numbers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>

#define MIB (1UL << 20)
#define NOFILE 8     /* descriptors 3 to 7 are free for the test */
#define AS_MIB 64    /* RLIMIT_AS under test */
#define DATA_MIB 32  /* RLIMIT_DATA under test */
#define BLOCKS 128   /* the most 1 MiB blocks tried: past either limit */

/* errno's name, the same with either libc. */
static const char *err_name(int e)
{
	switch (e) {
	case EMFILE: return "EMFILE";
	case EBADF: return "EBADF";
	case EINVAL: return "EINVAL";
	case ENOMEM: return "ENOMEM";
	default: return "other";
	}
}

/* A call's result: the descriptor (or 0), or its error. */
static void show(const char *what, long r)
{
	if (r < 0)
		printf("%s: %s\n", what, err_name(errno));
	else
		printf("%s: %ld\n", what, r);
}

static void set_limit(int resource, rlim_t cur)
{
	struct rlimit rl;
	getrlimit(resource, &rl);
	rl.rlim_cur = cur;
	if (setrlimit(resource, &rl) != 0)
		printf("setrlimit %d failed\n", resource);
}

static void close_from(int fd)
{
	for (; fd < 1024; fd++)
		close(fd);
}

static void nofile(void)
{
	int p[2];
	struct rlimit old;
	getrlimit(RLIMIT_NOFILE, &old);
	close_from(3); /* whatever the parent left open */
	set_limit(RLIMIT_NOFILE, NOFILE);

	printf("open until it fails:");
	int fd;
	while ((fd = open("/dev/null", O_RDONLY)) >= 0)
		printf(" %d", fd);
	printf(" then %s\n", err_name(errno));
	show("dup, table full", dup(0));
	show("F_DUPFD 3, table full", fcntl(0, F_DUPFD, 3));
	show("F_DUPFD at the limit", fcntl(0, F_DUPFD, NOFILE));
	show("F_DUPFD_CLOEXEC past the limit", fcntl(0, F_DUPFD_CLOEXEC, NOFILE + 5));
	show("dup2 to the limit", dup2(0, NOFILE));
	show("dup2 to 1000", dup2(0, 1000));
	show("dup3 to the limit", dup3(0, NOFILE, O_CLOEXEC));
	show("dup2 to the last allowed", dup2(0, NOFILE - 1));
	show("socket, table full", socket(AF_UNIX, SOCK_STREAM, 0));
	show("eventfd, table full", eventfd(0, 0));
	show("epoll_create1, table full", epoll_create1(0));
	show("timerfd_create, table full", timerfd_create(CLOCK_MONOTONIC, 0));
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	show("signalfd, table full", signalfd(-1, &set, 0));

	close(7);
	show("pipe with one free", pipe(p));
	show("socketpair with one free", socketpair(AF_UNIX, SOCK_STREAM, 0, p));
	show("dup takes the one free", dup(0));
	close(6);
	close(7);
	if (pipe(p) == 0)
		printf("pipe with two free: %d %d\n", p[0], p[1]);
	close(6);
	close(7);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, p) == 0)
		printf("socketpair with two free: %d %d\n", p[0], p[1]);
	close(5);
	show("F_DUPFD 3 finds 5", fcntl(0, F_DUPFD, 3));

	/* A limit below descriptors already open: they stay, new ones must be below it. */
	set_limit(RLIMIT_NOFILE, 5);
	show("open, limit 5 with 3-7 open", open("/dev/null", O_RDONLY));
	close(4);
	show("open after closing 4", open("/dev/null", O_RDONLY));
	close(3);
	show("dup2 to 6, open but past the limit", dup2(0, 6));
	show("fcntl on 7, past the limit", fcntl(7, F_GETFD));
	close_from(3);
	set_limit(RLIMIT_NOFILE, old.rlim_cur);
	show("open with the limit back", open("/dev/null", O_RDONLY));
	close_from(3);
}

/* Map 1 MiB blocks with prot until mmap fails; how many, then unmapped again. */
static int fill(int prot, int *err)
{
	static void *blocks[BLOCKS];
	int n = 0;
	*err = 0;
	while (n < BLOCKS) {
		void *b = mmap(0, MIB, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (b == MAP_FAILED) {
			*err = errno;
			break;
		}
		blocks[n++] = b;
	}
	for (int i = 0; i < n; i++)
		munmap(blocks[i], MIB);
	return n;
}

/* The count of blocks that fit under a limit of lim MiB, with the process's own mappings below lim/2. */
static void show_fill(const char *what, int n, int err, int lim)
{
	printf("%s: %s after %s\n", what, err ? err_name(err) : "no failure",
	       n > lim / 2 && n <= lim ? "between half the limit and the limit" : "a count outside it");
}

/* Move the break up in 1 MiB steps until it stops; how many steps, then back where it was. */
static int brk_steps(void)
{
	uintptr_t start = (uintptr_t)syscall(SYS_brk, 0);
	int n = 0;
	while (n < BLOCKS && (uintptr_t)syscall(SYS_brk, start + (n + 1) * MIB) == start + (n + 1) * MIB)
		n++;
	syscall(SYS_brk, start);
	return n;
}

/* Does growing a 1 MiB mapping with prot to more MiB (free to move) fail, and how? */
static void show_mremap(const char *what, int prot, unsigned long mib)
{
	void *b = mmap(0, MIB, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void *r = mremap(b, MIB, mib * MIB, MREMAP_MAYMOVE);
	printf("%s: %s\n", what, r == MAP_FAILED ? err_name(errno) : "grown");
	munmap(r == MAP_FAILED ? b : r, r == MAP_FAILED ? MIB : mib * MIB);
}

static void memory(void)
{
	int err, n;
	struct rlimit as, data;
	getrlimit(RLIMIT_AS, &as);
	getrlimit(RLIMIT_DATA, &data);

	set_limit(RLIMIT_AS, AS_MIB * MIB);
	void *big = mmap(0, (AS_MIB + 1) * MIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("mmap past RLIMIT_AS: %s\n", big == MAP_FAILED ? err_name(errno) : "mapped");
	n = fill(PROT_READ, &err);
	show_fill("read-only blocks under RLIMIT_AS", n, err, AS_MIB);
	n = fill(PROT_NONE, &err);
	show_fill("PROT_NONE blocks under RLIMIT_AS", n, err, AS_MIB);
	show_mremap("mremap past RLIMIT_AS", PROT_READ, AS_MIB + 1);
	n = brk_steps();
	printf("brk under RLIMIT_AS: %s\n", n > AS_MIB / 2 && n <= AS_MIB ? "stopped below the limit" : "past it");
	set_limit(RLIMIT_AS, as.rlim_cur);

	set_limit(RLIMIT_DATA, DATA_MIB * MIB);
	n = fill(PROT_READ, &err);
	printf("read-only blocks under RLIMIT_DATA: %s\n", n == BLOCKS ? "not counted" : "counted");
	n = fill(PROT_READ | PROT_WRITE, &err);
	show_fill("writable blocks under RLIMIT_DATA", n, err, DATA_MIB);
	n = brk_steps();
	printf("brk under RLIMIT_DATA: %s\n",
	       n > DATA_MIB / 2 && n <= DATA_MIB ? "stopped below the limit" : "past it");
	show_mremap("mremap of read-only memory past RLIMIT_DATA", PROT_READ, DATA_MIB + 1);
	show_mremap("mremap of writable memory past RLIMIT_DATA", PROT_READ | PROT_WRITE, DATA_MIB + 1);
	set_limit(RLIMIT_DATA, data.rlim_cur);
	n = fill(PROT_READ | PROT_WRITE, &err);
	printf("writable blocks with the limit back: %s\n", n == BLOCKS ? "all mapped" : err_name(err));
}

int main(void)
{
	setvbuf(stdout, 0, _IONBF, 0); /* no stdio buffer to allocate under the limits */
	nofile();
	memory();
	return 0;
}
