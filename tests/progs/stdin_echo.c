/* Checks reading stdin with read(2) until EOF: echoes it to stdout, byte count to stderr. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

static int write_all(const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int main(void)
{
	static char buf[65536];
	unsigned long long total = 0;
	for (;;) {
		ssize_t r = read(STDIN_FILENO, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			perror("read");
			return 1;
		}
		if (r == 0)
			break;
		if (write_all(buf, (size_t)r) != 0) {
			perror("write");
			return 1;
		}
		total += (unsigned long long)r;
	}
	fprintf(stderr, "stdin_echo: %llu bytes\n", total);
	return 0;
}
