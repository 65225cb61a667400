/*
 * filebench: the file workload of the file benchmark, timed from inside the
 * program so the same binary measures itself natively and under uhyve-run.
 *
 * Usage: filebench DIR
 *
 * Sequential write and read of 256 MiB in 4 KiB and in 1 MiB blocks, then a
 * small-file workload: create and write 4 KiB, read, stat and delete 20,000
 * files. Prints one line per phase: name and seconds.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TOTAL (256L << 20)
#define FILES 20000

static char block[1 << 20];

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void fail(const char *what)
{
	perror(what);
	exit(1);
}

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
	char name[32];
	struct stat st;
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

int main(int argc, char **argv)
{
	if (argc != 2 || chdir(argv[1]) != 0) {
		fprintf(stderr, "usage: filebench DIR\n");
		return 2;
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
