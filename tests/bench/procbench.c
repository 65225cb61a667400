/*
 * The processes benchmark program: prints "name value unit" lines, each the
 * median of several runs, for fork+exit+wait of a small process and of one
 * with 64 MiB written, posix_spawn+wait of a static program, and a shell
 * running a three-stage pipeline. Usage: procbench HELLO SHELL.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"

#define RUNS 31

extern char **environ;

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double fork_wait(void)
{
	double t = now();
	pid_t pid = fork();
	if (pid < 0)
		fail("fork");
	if (pid == 0)
		_exit(0);
	if (waitpid(pid, 0, 0) != pid)
		fail("waitpid");
	return now() - t;
}

static double spawn_wait(char *const argv[])
{
	static posix_spawn_file_actions_t quiet; /* its output goes to /dev/null */
	static int ready;
	if (!ready++)
		posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
	double t = now();
	pid_t pid;
	int err = posix_spawn(&pid, argv[0], &quiet, 0, argv, environ);
	if (err) {
		fprintf(stderr, "posix_spawn %s: %s\n", argv[0], strerror(err));
		exit(1);
	}
	int st;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fail("waitpid");
	return now() - t;
}

static void report(const char *name, double (*one)(char *const *), char *const *argv)
{
	double t[RUNS];
	for (int i = 0; i < RUNS; i++)
		t[i] = one(argv);
	qsort(t, RUNS, sizeof(t[0]), by_value);
	printf("%s %.1f us\n", name, t[RUNS / 2] * 1e6);
}

static double fork_small(char *const *argv)
{
	(void)argv;
	return fork_wait();
}

static double fork_big(char *const *argv)
{
	(void)argv;
	static char *mem;
	if (!mem) {
		mem = malloc(64 << 20);
		if (!mem)
			fail("malloc");
		memset(mem, 1, 64 << 20);
	}
	return fork_wait();
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: procbench HELLO SHELL\n");
		return 2;
	}
	char *hello[] = { argv[1], 0 };
	char *pipeline[] = { argv[2], "-c", "seq 1 2000 | sort -rn | head -1", 0 };
	report("fork_exit_wait", fork_small, 0);
	report("fork_64MiB_exit_wait", fork_big, 0);
	report("posix_spawn_hello", spawn_wait, hello);
	report("sh_3_stage_pipeline", spawn_wait, pipeline);
	return 0;
}
