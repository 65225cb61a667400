/*
 * Shared writable mappings of a file in a mounted directory: what a program
 * writes through one reaches the file (read() sees it after msync, after
 * munmap, after the process that mapped it exits), a forked child's writes
 * reach its parent, two mappings of the file (in one process or two, through one
 * descriptor or two opens) see each other's writes at once, and msync's errors.
 * read() sees a mapping's writes before any msync and the mapping sees write()s, as
 * on Linux, as do sendfile and splice from the file, and the mapping sees what
 * copy_file_range and sendfile wrote to it. As SQLite's WAL index uses them.
 * Usage: shared_map DIR
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SIZE 10000 /* two pages and a part: the last page is written only up to the file's end */

static char path[4200];

/* The file's bytes at offset, as read() gives them. */
static const char *file_text(long offset, size_t len)
{
	static char buf[64];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : pread(fd, buf, len, offset);
	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	return buf;
}

static char *map(int fd)
{
	char *p = mmap(0, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		printf("mmap: %s\n", strerror(errno));
		_exit(1);
	}
	return p;
}

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	snprintf(path, sizeof(path), "%s/shared.bin", argv[1]);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || ftruncate(fd, SIZE) < 0)
		return 1;
	char *p = map(fd);
	memcpy(p + 700, "unsynced", 8);
	printf("read() before any msync sees: \"%s\"\n", file_text(700, 8));
	pwrite(fd, "by pwrite", 9, 800);
	printf("the mapping sees a pwrite: \"%.9s\"\n", p + 800);
	memcpy(p + 100, "through the mapping", 19);
	printf("msync: %d; ", msync(p, SIZE, MS_SYNC));
	printf("read() sees: \"%s\"\n", file_text(100, 19));
	memcpy(p + 9990, "tail end!!", 10);
	munmap(p, SIZE);
	struct stat st;
	fstat(fd, &st);
	printf("after munmap: \"%s\", size still %ld; ", file_text(9990, 10), (long)st.st_size);
	printf("the pwrite kept: \"%s\"\n", file_text(800, 9));

	p = map(fd);
	printf("mapped again: \"%.19s\"\n", p + 100);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		memcpy(p + 5000, "from the child", 14);
		_exit(0);
	}
	waitpid(pid, 0, 0);
	printf("the parent sees the child's write: \"%.14s\"\n", p + 5000);
	munmap(p, SIZE);
	printf("and so does the file: \"%s\"\n", file_text(5000, 14));

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char *q = map(fd);
		memcpy(q + 200, "left at exit", 12);
		_exit(0); /* no msync, no munmap */
	}
	waitpid(pid, 0, 0);
	printf("a child's mapping at its exit: \"%s\"\n", file_text(200, 12));

	/* Two mappings of the file, through this descriptor and another open, and a child's own. */
	int fd2 = open(path, O_RDWR);
	char *a = map(fd), *b = map(fd), *c = map(fd2);
	memcpy(a + 300, "one mapping", 11);
	printf("the other mappings see it: \"%.11s\" \"%.11s\"\n", b + 300, c + 300);
	memcpy(c + 6000, "the second open", 15);
	printf("and the first sees theirs: \"%.15s\"\n", a + 6000);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int own = open(path, O_RDWR);
		char *q = map(own);
		printf("a child's new mapping sees: \"%.11s\"\n", q + 300);
		memcpy(q + 400, "the child's own", 15);
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, 0, 0);
	printf("the parent sees the child's: \"%.15s\"\n", b + 400);
	munmap(a, SIZE);
	munmap(b, SIZE);
	munmap(c, SIZE);
	close(fd2);
	printf("the file after them: \"%s\" ", file_text(300, 11));
	printf("\"%s\"\n", file_text(6000, 15));

	/* Copies in the kernel: the mapping's writes go out first, and it sees what comes in. */
	p = map(fd);
	memcpy(p + 500, "mapped, not synced", 18);
	char copy[4300];
	snprintf(copy, sizeof(copy), "%s.copy", path);
	int out = open(copy, O_RDWR | O_CREAT | O_TRUNC, 0644), pp[2];
	off_t from = 500;
	char got[32] = { 0 };
	ssize_t n = sendfile(out, fd, &from, 18);
	printf("sendfile to a file: %zd \"%s\"\n", n, pread(out, got, 18, 0) == 18 ? got : "short");
	if (pipe(pp) < 0)
		return 1;
	loff_t at = 500;
	n = splice(fd, &at, pp[1], 0, 18, 0);
	memset(got, 0, sizeof(got));
	printf("splice to a pipe: %zd \"%s\"\n", n, read(pp[0], got, 18) == 18 ? got : "short");
	if (pwrite(out, "copied in", 9, 100) != 9)
		return 1;
	loff_t src = 100, dst = 700;
	n = copy_file_range(out, &src, fd, &dst, 9, 0);
	printf("copy_file_range into it: %zd, the mapping sees \"%.9s\"\n", n, p + 700);
	from = 100;
	if (lseek(fd, 800, SEEK_SET) != 800)
		return 1;
	n = sendfile(fd, out, &from, 9);
	printf("sendfile into it: %zd, the mapping sees \"%.9s\"\n", n, p + 800);
	close(pp[0]);
	close(pp[1]);
	close(out);
	unlink(copy);
	munmap(p, SIZE);

	p = map(fd);
	printf("msync of an unaligned address: %s\n", msync(p + 1, 10, MS_SYNC) < 0 ? strerror(errno) : "ok");
	printf("msync with both flags: %s\n", msync(p, 10, MS_SYNC | MS_ASYNC) < 0 ? strerror(errno) : "ok");
	munmap(p, SIZE);
	printf("msync of an unmapped range: %s\n", msync(p, 4096, MS_SYNC) < 0 ? strerror(errno) : "ok");
	int ro = open(path, O_RDONLY);
	printf("a shared writable mapping of a read-only descriptor: %s\n",
	       mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED ? strerror(errno) : "mapped");
	close(ro);
	close(fd);
	unlink(path);
	return 0;
}
