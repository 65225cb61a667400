/* Checks large stdout output: 1 MiB with write(2) in varying chunk sizes, then 1 MiB in one write. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#define SIZE (1u << 20)

static unsigned char data[SIZE];

/* Writes everything, continuing after short writes. */
static int write_all(const unsigned char *p, size_t n)
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
	for (size_t i = 0; i < SIZE; i++)
		data[i] = (unsigned char)((i * 2654435761u) >> 13);

	/* Chunk sizes cycle through small, odd, page-sized and page-crossing values. */
	static const size_t chunks[] = { 1, 7, 4096, 13, 65536, 4095, 4097, 100000, 511, 3 };
	size_t off = 0, k = 0;
	while (off < SIZE) {
		size_t n = chunks[k++ % (sizeof chunks / sizeof chunks[0])];
		if (n > SIZE - off)
			n = SIZE - off;
		if (write_all(data + off, n) != 0)
			return 1;
		off += n;
	}

	if (write_all(data, SIZE) != 0)
		return 1;
	return 0;
}
