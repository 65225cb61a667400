/*
 * Private mappings of a file in a mounted directory and write() to the file
 * meanwhile: the pages a mapping has not written show the new bytes, read
 * before or not (they are the page cache's, as on Linux), a page it wrote
 * keeps its own copy until MADV_DONTNEED gives it the file's bytes again, and
 * a forked child's writes stay its own.
 * Usage: private_map DIR
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGES 3

static long page;

/* Fill page i of the file with c. */
static void fill(int fd, int i, char c)
{
	char buf[65536];
	memset(buf, c, (size_t)page);
	if (pwrite(fd, buf, (size_t)page, i * page) != page)
		printf("pwrite: %s\n", strerror(errno));
}

static void show(const char *when, const char *p)
{
	printf("%s:", when);
	for (int i = 0; i < PAGES; i++)
		printf(" %c%c", p[i * page], p[i * page + 1]);
	printf("\n");
}

int main(int argc, char *argv[])
{
	char path[4200];
	if (argc != 2)
		return 2;
	page = sysconf(_SC_PAGESIZE);
	snprintf(path, sizeof(path), "%s/private_map.dat", argv[1]);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		printf("open: %s\n", strerror(errno));
		return 1;
	}
	for (int i = 0; i < PAGES; i++)
		fill(fd, i, (char)('a' + i));
	char *p = mmap(0, (size_t)(PAGES * page), PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	char *q = mmap(0, (size_t)(PAGES * page), PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED || q == MAP_FAILED) {
		printf("mmap: %s\n", strerror(errno));
		return 1;
	}
	show("mapped", p);
	p[page] = 'X';
	show("page 1 written", p);

	for (int i = 0; i < PAGES; i++)
		fill(fd, i, (char)('p' + i));
	show("file written", p);
	show("other mapping", q);

	if (madvise(p + page, (size_t)page, MADV_DONTNEED))
		printf("madvise: %s\n", strerror(errno));
	show("page 1 dropped", p);

	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		p[0] = 'C';
		show("child wrote page 0", p);
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, 0, 0);
	show("parent after child", p);
	fill(fd, 2, 'z');
	show("page 2 written again", p);

	munmap(p, (size_t)(PAGES * page));
	munmap(q, (size_t)(PAGES * page));
	close(fd);
	unlink(path);
	return 0;
}
