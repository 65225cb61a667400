/*
 * Writes files in small pieces (which a kernel may hold back), then ends
 * without closing them: "crash" writes through NULL, "block" says "written"
 * and waits on standard input until a signal ends it, "exit" calls _exit.
 *
 * Usage: write_then_die DIR crash|block|exit
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int fill(const char *name, int flags, int pieces)
{
	char line[64];
	int fd = open(name, O_CREAT | O_WRONLY | flags, 0644);
	if (fd < 0)
		return -1;
	for (int i = 0; i < pieces; i++) {
		int n = snprintf(line, sizeof(line), "%s line %d\n", name, i);
		if (write(fd, line, (size_t)n) != n)
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3 || chdir(argv[1]) != 0) {
		fprintf(stderr, "usage: write_then_die DIR crash|block|exit\n");
		return 2;
	}
	/* Sequential pieces, an append-only log, and pieces at scattered offsets. */
	if (fill("seq", O_TRUNC, 5000) || fill("log", O_APPEND, 300) || fill("log", O_APPEND, 200))
		return 1;
	int fd = open("scattered", O_CREAT | O_TRUNC | O_WRONLY, 0644);
	for (int i = 0; i < 50; i++)
		if (pwrite(fd, "x", 1, (off_t)((i * 7919) % 100000)) != 1)
			return 1;
	if (strcmp(argv[2], "crash") == 0) {
		volatile int *volatile p = NULL;
		*p = 1;
	} else if (strcmp(argv[2], "block") == 0) {
		char c;
		write(1, "written\n", 8);
		return (int)read(0, &c, 1);
	}
	_exit(3);
}
