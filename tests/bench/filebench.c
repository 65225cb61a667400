/*
 * filebench: the file workload of the file benchmark, timed from inside the
 * program so the same binary measures itself natively and under uhyve-run.
 *
 * Usage: filebench DIR | filebench --calls DIR
 *
 * Sequential write and read of 256 MiB in 4 KiB and in 1 MiB blocks, then a
 * small-file workload: create and write 4 KiB, read, stat and delete 20,000
 * files. Prints one line per phase: name and seconds.
 * With --calls, single calls instead, each repeated on one file (unlink on
 * fresh files): one line per call, name and microseconds per call.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"

#define TOTAL (256L << 20)
#define FILES 20000
#define ROUNDS 5000 /* of each single call */

static char block[1 << 20];
static int file_fd;
static struct stat st;
static char name[32];

static void sequential(const char *name, size_t size, int write_it)
{
	int fd = write_it ? open("big", O_CREAT | O_TRUNC | O_WRONLY, 0644) : open("big", O_RDONLY);
	if (fd < 0)
		fail("open big");
	double t = now();
	for (long done = 0; done < TOTAL; done += (long)size)
		if ((write_it ? write(fd, block, size) : read(fd, block, size)) != (ssize_t)size)
			fail(name);
	close(fd);
	printf("%s %.3f\n", name, now() - t);
}

static void small_files(void)
{
	double t = now();
	for (int i = 0; i < FILES; i++) {
		snprintf(name, sizeof(name), "s%05d", i);
		int fd = open(name, O_CREAT | O_TRUNC | O_WRONLY, 0644);
		if (fd < 0 || write(fd, block, 4096) != 4096)
			fail("create");
		close(fd);
	}
	for (int i = 0; i < FILES; i++) {
		snprintf(name, sizeof(name), "s%05d", i);
		int fd = open(name, O_RDONLY);
		if (fd < 0 || read(fd, block, 4096) != 4096)
			fail("read small");
		close(fd);
		if (stat(name, &st) != 0 || st.st_size != 4096)
			fail("stat");
		if (unlink(name) != 0)
			fail("unlink");
	}
	printf("small-files %.3f\n", now() - t);
}

static void open_close(int i)
{
	(void)i;
	int f = open("f", O_RDONLY);
	if (f < 0 || close(f) != 0)
		fail("open");
}

static void stat_path(int i)
{
	(void)i;
	if (stat("f", &st) != 0)
		fail("stat");
}

static void fstat_fd(int i)
{
	(void)i;
	if (fstat(file_fd, &st) != 0)
		fail("fstat");
}

/* At offsets that change, so no read-ahead or write-behind serves them. */
static void pread_4k(int i)
{
	if (pread(file_fd, block, 4096, (off_t)(i % 2) * 1048576) != 4096)
		fail("pread");
}

static void pwrite_4k(int i)
{
	if (pwrite(file_fd, block, 4096, (off_t)(i % 2) * 1048576) != 4096)
		fail("pwrite");
}

static void unlink_file(int i)
{
	snprintf(name, sizeof(name), "u%05d", i);
	if (unlink(name) != 0)
		fail("unlink");
}

static void create_files(void)
{
	for (int i = 0; i < ROUNDS; i++) {
		snprintf(name, sizeof(name), "u%05d", i);
		int f = open(name, O_CREAT | O_WRONLY, 0644);
		if (f < 0 || close(f) != 0)
			fail("create");
	}
}

static const struct {
	const char *name;
	void (*call)(int i);
	void (*setup)(void);
} calls[] = {
	{ "open+close", open_close, 0 }, { "stat", stat_path, 0 },	  { "fstat", fstat_fd, 0 },
	{ "pread-4k", pread_4k, 0 },	 { "pwrite-4k", pwrite_4k, 0 }, { "unlink", unlink_file, create_files },
};

static void single_calls(void)
{
	file_fd = open("f", O_CREAT | O_TRUNC | O_RDWR, 0644);
	if (file_fd < 0 || pwrite(file_fd, block, 4096, 1048576) != 4096)
		fail("f");
	for (unsigned c = 0; c < sizeof(calls) / sizeof(calls[0]); c++) {
		if (calls[c].setup)
			calls[c].setup();
		double t = now();
		for (int i = 0; i < ROUNDS; i++)
			calls[c].call(i);
		printf("%s %.2f\n", calls[c].name, (now() - t) / ROUNDS * 1e6);
	}
}

int main(int argc, char **argv)
{
	bool calls_only = argc == 3 && strcmp(argv[1], "--calls") == 0;
	if ((argc != 2 && !calls_only) || chdir(argv[argc - 1]) != 0) {
		fprintf(stderr, "usage: filebench DIR | filebench --calls DIR\n");
		return 2;
	}
	if (calls_only) {
		single_calls();
		return 0;
	}
	memset(block, 'c', sizeof(block));
	sequential("write-4k", 4096, 1);
	sequential("read-4k", 4096, 0);
	sequential("write-1m", 1 << 20, 1);
	sequential("read-1m", 1 << 20, 0);
	unlink("big");
	small_files();
	return 0;
}
