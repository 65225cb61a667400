/*
 * Host-side driver of the echo servers: CONNS connections, connection i sending
 * size(i) bytes of pattern i (0 and MAXBYTES among them), half-closing, and checking
 * that exactly those bytes come back before end of file. "serial" runs one connection
 * after the other; "parallel" connects all first, then moves them all at once on poll.
 * Prints the totals; exit status 0 only if every byte came back right.
 * Usage: tcp_client IP PORT CONNS MAXBYTES serial|parallel
 */
#include "../progs/net_util.h"
#include <fcntl.h>
#include <poll.h>

struct conn {
	int fd;
	uint32_t seed;
	uint64_t size, sent, got;
};

static uint64_t size_of(unsigned long i, uint64_t max)
{
	if (i == 1)
		return max;
	return i == 0 ? 0 : (i * 2654435761u) % (max + 1);
}

/* Moves c on as poll found it; returns 1 when its echo is complete. */
static int step(struct conn *c, short revents)
{
	unsigned char buf[65536], want[sizeof(buf)];
	if ((revents & POLLOUT) && c->sent < c->size) {
		size_t n = c->size - c->sent < sizeof(buf) ? (size_t)(c->size - c->sent) : sizeof(buf);
		pattern(c->seed, c->sent, buf, n);
		ssize_t w = write(c->fd, buf, n);
		if (w < 0 && errno != EAGAIN)
			die("write");
		if (w > 0)
			c->sent += (uint64_t)w;
		if (c->sent == c->size && shutdown(c->fd, SHUT_WR))
			die("shutdown");
	}
	if (!(revents & (POLLIN | POLLHUP | POLLERR)))
		return 0;
	ssize_t r = read(c->fd, buf, sizeof(buf));
	if (r < 0 && errno == EAGAIN)
		return 0;
	if (r < 0)
		die("read");
	if (r == 0) {
		if (c->got != c->size)
			fail("end of file before the whole echo");
		return 1;
	}
	pattern(c->seed, c->got, want, (size_t)r);
	if (c->got + (uint64_t)r > c->sent || memcmp(buf, want, (size_t)r))
		fail("echo differs from what was sent");
	c->got += (uint64_t)r;
	return 0;
}

/* Runs conns[0..n) to completion. */
static void run(struct conn *conns, unsigned long n)
{
	struct pollfd *p = calloc(n, sizeof(*p));
	unsigned long left = n;
	if (!p)
		die("calloc");
	for (unsigned long i = 0; i < n; i++) {
		p[i].fd = conns[i].fd;
		if (conns[i].size == 0 && shutdown(p[i].fd, SHUT_WR))
			die("shutdown");
	}
	while (left) {
		for (unsigned long i = 0; i < n; i++)
			p[i].events = p[i].fd < 0 ? 0 : POLLIN | (conns[i].sent < conns[i].size ? POLLOUT : 0);
		int k = poll(p, n, 20000);
		if (k < 0)
			die("poll");
		if (k == 0)
			fail("no progress for 20 s");
		for (unsigned long i = 0; i < n; i++) {
			if (p[i].fd < 0 || !p[i].revents || !step(&conns[i], p[i].revents))
				continue;
			close(p[i].fd);
			p[i].fd = -1;
			left--;
		}
	}
	free(p);
}

int main(int argc, char **argv)
{
	if (argc != 6 || (strcmp(argv[5], "serial") && strcmp(argv[5], "parallel")))
		fail("usage: tcp_client IP PORT CONNS MAXBYTES serial|parallel");
	struct sockaddr_in a = net_addr(argv[1], argv[2]);
	unsigned long n = number(argv[3]);
	uint64_t max = number(argv[4]), total = 0;
	int parallel = !strcmp(argv[5], "parallel");
	struct conn *conns = calloc(n, sizeof(*conns));
	if (!conns)
		die("calloc");
	for (unsigned long i = 0; i < n; i++) {
		conns[i] = (struct conn){ .fd = net_connect(a), .seed = (uint32_t)i, .size = size_of(i, max) };
		if (fcntl(conns[i].fd, F_SETFL, O_NONBLOCK))
			die("fcntl");
		total += conns[i].size;
		if (!parallel)
			run(&conns[i], 1);
	}
	if (parallel)
		run(conns, n);
	printf("%lu connections echoed %llu bytes correctly\n", n, (unsigned long long)total);
	return 0;
}
