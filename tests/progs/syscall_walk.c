/*
 * Calls every syscall number from FIRST to LAST, then any more named, with
 * arguments that cannot harm (all -1: bad descriptors, pointers, flags and
 * sizes), and prints one line per number: "NR implemented", "NR ENOSYS", or
 * "NR ended the caller: ..." when a call killed the process that made it.
 * tests/vm/syscall_walk.sh compares the implemented set with the kernel's
 * syscall table.
 *
 * The calls run in a child process, so one that changes the caller (umask,
 * setsid, alarm) or kills it spoils nothing: the walk goes on in a new child.
 * The calls that cannot fail on bad arguments (exit, exit_group, fork, vfork,
 * clone, pause, rt_sigreturn) run in a child of their own, where ending the
 * child or starting another is what shows them implemented.
 *
 *   syscall_walk FIRST LAST [NR...]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define FUTEX_WAKE_PRIVATE 129
#define ALL_ONES (~0UL)
/* Longer than any call may take, even under QEMU's TCG: a call still running then hangs. */
#define CALL_LIMIT_S 20

static long raw6(long nr, const unsigned long a[6])
{
	register unsigned long r10 __asm__("r10") = a[3];
	register unsigned long r8 __asm__("r8") = a[4];
	register unsigned long r9 __asm__("r9") = a[5];
	long ret;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a[0]), "S"(a[1]), "d"(a[2]), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/*
 * A call that starts a process (fork, vfork, or clone with flags SIGCHLD and
 * no stack), whose new process leaves at once, in the same asm: a vfork child
 * shares this stack, so it must not touch it.
 */
static long raw_spawn(long nr, unsigned long flags)
{
	long ret;
	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov %[exit_group], %%eax\n\t"
			 "xor %%edi, %%edi\n\t"
			 "syscall\n"
			 "1:"
			 : "=a"(ret), "+D"(flags)
			 : "a"(nr), "S"(0UL), "d"(0UL), [exit_group] "i"(SYS_exit_group)
			 : "rcx", "r11", "r10", "r8", "r9", "memory");
	return ret;
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* One call with harmless arguments; for the special numbers, as said above. */
static long call(long nr)
{
	unsigned long a[6] = { ALL_ONES, ALL_ONES, ALL_ONES, ALL_ONES, ALL_ONES, ALL_ONES };
	switch (nr) {
	case SYS_exit:
	case SYS_exit_group:
		a[0] = 42;
		break;
	case SYS_fork:
	case SYS_vfork:
		return raw_spawn(nr, 0);
	case SYS_clone:
		return raw_spawn(nr, SIGCHLD);
	case SYS_pause: {
		/* Interrupted by a handled alarm: -EINTR; ENOSYS at once otherwise. */
		struct sigaction sa = { .sa_handler = on_alarm };
		sigaction(SIGALRM, &sa, NULL);
		alarm(1);
		break;
	}
	case SYS_futex:
		/* An op of -1 is ENOSYS on Linux too: wake nobody instead. */
		a[0] = 0;
		a[1] = FUTEX_WAKE_PRIVATE;
		a[2] = 0;
		break;
	}
	return raw6(nr, a);
}

static int special(long nr)
{
	return nr == SYS_exit || nr == SYS_exit_group || nr == SYS_fork || nr == SYS_vfork || nr == SYS_clone ||
	       nr == SYS_pause || nr == SYS_rt_sigreturn;
}

struct result {
	int index;
	long ret;
};

static void write_all(int fd, const void *p, size_t n)
{
	if (write(fd, p, n) != (ssize_t)n)
		_exit(125);
}

/* In a child: call nrs[from..] (only nrs[from] if it is special), a result for each on fd. */
static void run_calls(const long *nrs, int from, int count, int fd)
{
	setsid(); /* no controlling terminal for vhangup to hang up natively */
	for (int i = from; i < count; i++) {
		if (special(nrs[i]) && i != from)
			break;
		alarm(CALL_LIMIT_S);
		struct result r = { i, call(nrs[i]) };
		alarm(0);
		write_all(fd, &r, sizeof(r));
		if (special(nrs[i]))
			break;
	}
	_exit(0);
}

static void print_end(long nr, int status)
{
	if (WIFSIGNALED(status))
		printf("%ld ended the caller: signal %d (%s)\n", nr, WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		printf("%ld ended the caller: status %d\n", nr, WEXITSTATUS(status));
}

/* Runs nrs[from..] in one child; the index to go on from. */
static int walk_some(const long *nrs, int from, int count)
{
	int p[2];
	if (pipe(p)) {
		perror("pipe");
		exit(2);
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0) {
		close(p[0]);
		run_calls(nrs, from, count, p[1]);
	}
	close(p[1]);
	int next = from;
	struct result r;
	while (read(p[0], &r, sizeof(r)) == (ssize_t)sizeof(r) && r.index == next) {
		printf("%ld %s\n", nrs[next], r.ret == -ENOSYS ? "ENOSYS" : "implemented");
		next++;
	}
	close(p[0]);
	int status;
	if (waitpid(pid, &status, 0) != pid) {
		perror("waitpid");
		exit(2);
	}
	if (next < count && next == from) {
		/* The call at next ended the child: expected only of the special ones. */
		if (special(nrs[next]))
			printf("%ld implemented\n", nrs[next]);
		else
			print_end(nrs[next], status);
		next++;
	}
	fflush(stdout);
	return next;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: syscall_walk FIRST LAST [NR...]\n");
		return 2;
	}
	long first = strtol(argv[1], NULL, 0), last = strtol(argv[2], NULL, 0);
	if (first < 0 || last < first || last > 100000) {
		fprintf(stderr, "syscall_walk: bad range %ld..%ld\n", first, last);
		return 2;
	}
	int count = (int)(last - first + 1) + argc - 3;
	long *nrs = malloc(sizeof(*nrs) * (size_t)count);
	if (!nrs)
		return 2;
	for (long nr = first; nr <= last; nr++)
		nrs[nr - first] = nr;
	for (int i = 3; i < argc; i++)
		nrs[last - first + 1 + i - 3] = strtol(argv[i], NULL, 0);
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	for (int i = 0; i < count;)
		i = walk_some(nrs, i, count);
	free(nrs);
	return 0;
}
