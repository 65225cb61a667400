/*
 * syscallbench MODE N: N null calls timed with CLOCK_MONOTONIC, printing ns per call.
 * MODE getppid: the getppid syscall, made by a syscall instruction (cocoon-rewrite can
 * turn the site into a call into the kernel, where getppid is a leaf: no frame, no lock);
 * MODE gettid: the same with gettid, which takes the kernel's common entry; MODE call: a
 * function call that does nothing, the floor a syscall made as a call could reach.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>

static long raw_getppid(void)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"((long)SYS_getppid) : "rcx", "r11", "memory");
	return ret;
}

static long raw_gettid(void)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"((long)SYS_gettid) : "rcx", "r11", "memory");
	return ret;
}

__attribute__((noinline)) static long null_function(void)
{
	__asm__ volatile("" ::: "memory");
	return 0;
}

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		long (*op)(void);
	} modes[] = { { "getppid", raw_getppid }, { "gettid", raw_gettid }, { "call", null_function } };
	long (*op)(void) = 0;
	for (size_t i = 0; argc == 3 && i < sizeof(modes) / sizeof(modes[0]); i++)
		if (strcmp(argv[1], modes[i].name) == 0)
			op = modes[i].op;
	if (!op) {
		fprintf(stderr, "usage: syscallbench getppid|gettid|call N\n");
		return 2;
	}
	long n = atol(argv[2]);
	for (long i = 0; i < n / 10; i++) /* warm up: pages, caches */
		op();
	double t0 = now_ns();
	for (long i = 0; i < n; i++)
		op();
	double t1 = now_ns();
	printf("%.2f\n", (t1 - t0) / (double)n);
	return 0;
}
