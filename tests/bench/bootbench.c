/*
 * bootbench: how long does it take to run a program under uhyve-run, compared with
 * running it natively?
 *
 * Usage: bootbench [-n N] [-q QEMU_RUN] UHYVE_RUN PROGRAM [ARGS...]
 *
 * Runs "UHYVE_RUN PROGRAM ARGS..." and "PROGRAM ARGS..." (and with -q "QEMU_RUN
 * PROGRAM ARGS...", the same kernel booted by QEMU) N times each (interleaved, after
 * one warm-up run of each), with stdin, stdout and stderr on /dev/null, and prints
 * the median, minimum and maximum wall time of each, the ratios of the medians, and
 * the peak resident memory (the maximum over all runs).
 */
#define _GNU_SOURCE /* wait4 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_RUNS 30
#define MIN_RUNS 20
#define MAX_RUNS 100000
#define MAX_CMDS 3

extern char **environ;

struct result {
	double *ms; /* wall time of each run */
	long max_rss_kib; /* largest ru_maxrss of all runs */
};

struct run {
	int status; /* exit status as a shell shows it: 128+signal if killed */
	double ms;
	long rss_kib;
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Runs argv once; quiet sends stderr to /dev/null as well. Exits on fork/wait failure. */
static struct run run_once(char *const argv[], int quiet)
{
	struct run r = { 0 };
	double start = now_ms();
	pid_t pid = fork();
	if (pid < 0) {
		perror("bootbench: fork");
		exit(1);
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null < 0 || dup2(null, STDIN_FILENO) < 0 || dup2(null, STDOUT_FILENO) < 0 ||
		    (quiet && dup2(null, STDERR_FILENO) < 0))
			_exit(126);
		execve(argv[0], argv, environ);
		fprintf(stderr, "bootbench: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	int status;
	struct rusage ru;
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("bootbench: wait4");
			exit(1);
		}
	}
	r.ms = now_ms() - start;
	r.rss_kib = ru.ru_maxrss;
	r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	return r;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Sorts ms in place and returns its median. */
static double median(double *ms, int n)
{
	qsort(ms, (size_t)n, sizeof ms[0], cmp_double);
	return n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
}

static void print_command(const char *label, char *const argv[])
{
	printf("  %-10s", label);
	for (int i = 0; argv[i] != NULL; i++)
		printf(" %s", argv[i]);
	printf("\n");
}

static void usage(void)
{
	fprintf(stderr,
		"Usage: bootbench [-n N] [-q QEMU_RUN] UHYVE_RUN PROGRAM [ARGS...]\n"
		"Times N runs (default %d, at least %d) of \"UHYVE_RUN PROGRAM ARGS...\", of\n"
		"\"PROGRAM ARGS...\" and with -q of \"QEMU_RUN PROGRAM ARGS...\", and prints\n"
		"median/min/max wall time and peak memory of each.\n",
		DEFAULT_RUNS, MIN_RUNS);
	exit(2);
}

int main(int argc, char **argv)
{
	int runs = DEFAULT_RUNS;
	char *qemu_run = NULL;
	int opt;
	while ((opt = getopt(argc, argv, "+n:q:h")) != -1) {
		if (opt == 'n') {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || n < MIN_RUNS || n > MAX_RUNS) {
				fprintf(stderr, "bootbench: -n wants a number from %d to %d, not \"%s\"\n", MIN_RUNS,
					MAX_RUNS, optarg);
				return 2;
			}
			runs = (int)n;
		} else if (opt == 'q') {
			qemu_run = optarg;
		} else {
			usage();
		}
	}
	if (argc - optind < 2)
		usage();

	/* vm_argv is "UHYVE_RUN PROGRAM ARGS..."; native_argv is its tail. */
	char **vm_argv = argv + optind;
	char **native_argv = vm_argv + 1;
	char *const *cmds[MAX_CMDS] = { vm_argv, native_argv };
	const char *labels[MAX_CMDS] = { "uhyve-run", "native", "qemu-run" };
	int ncmds = 2;
	if (qemu_run) {
		/* "QEMU_RUN PROGRAM ARGS...": vm_argv with its first word replaced. */
		char **qemu_argv = calloc((size_t)(argc - optind + 1), sizeof(char *));
		if (qemu_argv == NULL) {
			perror("bootbench: calloc");
			return 1;
		}
		memcpy(qemu_argv, vm_argv, (size_t)(argc - optind) * sizeof(char *));
		qemu_argv[0] = qemu_run;
		cmds[ncmds++] = qemu_argv;
	}

	for (int c = 0; c < ncmds; c++) {
		if (access(cmds[c][0], X_OK) != 0) {
			fprintf(stderr, "bootbench: cannot run %s: %s\n", cmds[c][0], strerror(errno));
			return 1;
		}
	}

	/* Warm-up (page cache, KVM module) with stderr visible, and a check that both agree. */
	int expected[MAX_CMDS];
	for (int c = 0; c < ncmds; c++) {
		struct run r = run_once(cmds[c], 0);
		expected[c] = r.status;
		if (expected[c] != expected[1]) {
			fprintf(stderr, "bootbench: %s exits with status %d under %s but %d natively\n", native_argv[0],
				expected[c], labels[c], expected[1]);
			return 1;
		}
	}

	struct result res[MAX_CMDS];
	for (int c = 0; c < ncmds; c++) {
		res[c].ms = calloc((size_t)runs, sizeof(double));
		res[c].max_rss_kib = 0;
		if (res[c].ms == NULL) {
			perror("bootbench: calloc");
			return 1;
		}
	}
	for (int i = 0; i < runs; i++) {
		for (int c = 0; c < ncmds; c++) {
			struct run r = run_once(cmds[c], 1);
			if (r.status != expected[c]) {
				fprintf(stderr, "bootbench: run %d of %s exited with status %d instead of %d\n", i + 1,
					labels[c], r.status, expected[c]);
				return 1;
			}
			res[c].ms[i] = r.ms;
			if (r.rss_kib > res[c].max_rss_kib)
				res[c].max_rss_kib = r.rss_kib;
		}
	}

	printf("bootbench: %d runs each (exit status %d), stdout and stderr to /dev/null\n", runs, expected[0]);
	for (int c = 0; c < ncmds; c++)
		print_command(labels[c], cmds[c]);
	printf("\n  %-10s %12s %10s %10s %14s\n", "", "median ms", "min ms", "max ms", "peak RSS MiB");
	double med[MAX_CMDS];
	for (int c = 0; c < ncmds; c++) {
		med[c] = median(res[c].ms, runs);
		printf("  %-10s %12.3f %10.3f %10.3f %14.1f\n", labels[c], med[c], res[c].ms[0], res[c].ms[runs - 1],
		       (double)res[c].max_rss_kib / 1024.0);
	}
	if (med[1] > 0)
		printf("\n  ratio uhyve-run/native (medians): %.1fx\n", med[0] / med[1]);
	if (ncmds > 2 && med[0] > 0)
		printf("  ratio qemu-run/uhyve-run (medians): %.1fx\n", med[2] / med[0]);
	for (int c = 0; c < ncmds; c++)
		free(res[c].ms);
	return 0;
}
