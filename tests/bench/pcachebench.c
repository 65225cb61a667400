/*
 * The page cache benchmark program, run in the VM: prints "name value unit"
 * lines for one dynamically linked program. Its first run, then the mean of
 * N more one after another (start to exit), the memory N of them hold at
 * once (each started with pipes as stdin and stdout, counted once its first
 * output byte arrived), the page cache's size after them, and the file reads that went to the host for the
 * first run and for each later one (/proc/vmstat, "-" where the kernel has
 * no such count).
 * Usage: pcachebench NAME N PROGRAM [ARGS...]
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"

#define MAX_AT_ONCE 16

/* The number after key in file (a line "key value" or "key: value kB"), or -1. */
static long long stat_of(const char *file, const char *key)
{
	FILE *f = fopen(file, "r");
	char line[256];
	long long v = -1;
	size_t n = strlen(key);
	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, key, n) == 0 && (line[n] == ' ' || line[n] == ':'))
			v = atoll(line + n + 1 + strspn(line + n + 1, " "));
	if (f)
		fclose(f);
	return v;
}

static long long host_reads(void)
{
	return stat_of("/proc/vmstat", "cocoon_host_reads");
}

/* kB of memory in use. */
static long long used_kb(void)
{
	return stat_of("/proc/meminfo", "MemTotal") - stat_of("/proc/meminfo", "MemFree");
}

/* Start argv with pipes as its stdin and stdout: *in writes to it, *out reads from it. */
static pid_t start(char *argv[], int *in, int *out)
{
	int to[2], from[2];
	/* Close-on-exec: a later child holding this one's pipes would keep it from ending. */
	if (pipe2(to, O_CLOEXEC) || pipe2(from, O_CLOEXEC))
		fail("pipe");
	pid_t pid = fork();
	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		dup2(to[0], 0);
		dup2(from[1], 1);
		/* ls's complaint about the pipe closed on it is no news. */
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 2);
		close(to[0]);
		close(to[1]);
		close(from[0]);
		close(from[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(to[0]);
	close(from[1]);
	*in = to[1];
	*out = from[0];
	return pid;
}

/* One run to its end, its output read and dropped: seconds. */
static double run(char *argv[])
{
	double t = now();
	int in, out;
	char buf[4096];
	pid_t pid = start(argv, &in, &out);
	close(in);
	while (read(out, buf, sizeof(buf)) > 0)
		;
	close(out);
	int status;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
		fail("the program failed");
	return now() - t;
}

static void print_reads(const char *name, const char *what, long long reads, int runs)
{
	if (reads < 0)
		printf("%s_%s - reads\n", name, what);
	else
		printf("%s_%s %lld reads\n", name, what, reads / runs);
}

int main(int argc, char *argv[])
{
	if (argc < 4)
		return 2;
	const char *name = argv[1];
	int n = atoi(argv[2]);
	char **prog = argv + 3;
	if (n < 1 || n > MAX_AT_ONCE)
		return 2;
	signal(SIGPIPE, SIG_IGN);

	long long r0 = host_reads();
	double first = run(prog);
	long long r1 = host_reads();
	double next = 0;
	for (int i = 0; i < n; i++)
		next += run(prog);
	long long r2 = host_reads();

	long long before = used_kb();
	int in[MAX_AT_ONCE], out[MAX_AT_ONCE];
	pid_t pid[MAX_AT_ONCE];
	char c;
	for (int i = 0; i < n; i++) {
		pid[i] = start(prog, &in[i], &out[i]);
		if (read(out[i], &c, 1) != 1)
			fail("no output");
	}
	struct timespec settle = { 0, 200000000 }; /* for the rest of their output to fill the pipes */
	nanosleep(&settle, 0);
	long long held = used_kb() - before;
	for (int i = 0; i < n; i++) {
		close(in[i]);
		close(out[i]);
		waitpid(pid[i], 0, 0);
	}

	printf("%s_first %.1f ms\n", name, first * 1e3);
	printf("%s_next %.1f ms\n", name, next * 1e3 / n);
	printf("%s_%d_at_once %lld kB\n", name, n, held);
	printf("%s_cached %lld kB\n", name, stat_of("/proc/meminfo", "Cached"));
	print_reads(name, "first_reads", r0 < 0 ? -1 : r1 - r0, 1);
	print_reads(name, "next_reads", r0 < 0 ? -1 : r2 - r1, n);
	return 0;
}
