/*
 * The network benchmark's load generator (host side): CONNS keep-alive connections
 * to an HTTP server, each with one GET outstanding at a time, for SECONDS; counts
 * whole answers (headers and Content-Length bytes of body).
 * Prints "N requests in S s: R requests/s". Usage: netload IP PORT CONNS SECONDS
 */
#include "../progs/net_util.h"
#include <netinet/tcp.h>
#include <sys/epoll.h>

static const char request[] = "GET / HTTP/1.1\r\nHost: bench\r\n\r\n";

struct conn {
	int fd;
	size_t have;
	char buf[8192];
};

/* Takes what arrived; counts and strips whole answers, sending the next request for each. */
static unsigned long take(struct conn *c)
{
	unsigned long answers = 0;
	ssize_t r = read(c->fd, c->buf + c->have, sizeof(c->buf) - c->have);
	if (r < 0 && errno == EAGAIN)
		return 0;
	if (r <= 0)
		fail("the server closed a connection");
	c->have += (size_t)r;
	for (;;) {
		char *end = memmem(c->buf, c->have, "\r\n\r\n", 4);
		if (!end)
			break;
		*end = 0;
		const char *cl = strcasestr(c->buf, "\r\nContent-Length:");
		size_t whole = (size_t)(end + 4 - c->buf) + (cl ? strtoul(cl + 17, 0, 10) : 0);
		*end = '\r';
		if (whole > c->have)
			break;
		memmove(c->buf, c->buf + whole, c->have - whole);
		c->have -= whole;
		answers++;
		write_all(c->fd, request, sizeof(request) - 1);
	}
	return answers;
}

int main(int argc, char **argv)
{
	if (argc != 5)
		fail("usage: netload IP PORT CONNS SECONDS");
	struct sockaddr_in a = net_addr(argv[1], argv[2]);
	unsigned long n = number(argv[3]), answers = 0;
	double secs = (double)number(argv[4]);
	int ep = epoll_create1(0);
	struct conn *conns = calloc(n, sizeof(*conns));
	if (ep < 0 || !conns)
		die("setup");
	for (unsigned long i = 0; i < n; i++) {
		int one = 1;
		conns[i].fd = net_connect(a);
		struct epoll_event e = { .events = EPOLLIN, .data.ptr = &conns[i] };
		if (setsockopt(conns[i].fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) ||
		    epoll_ctl(ep, EPOLL_CTL_ADD, conns[i].fd, &e))
			die("connection setup");
	}
	double start = net_seconds(), end = start + secs, now = start;
	for (unsigned long i = 0; i < n; i++)
		write_all(conns[i].fd, request, sizeof(request) - 1);
	while (now < end) {
		struct epoll_event ev[64];
		int k = epoll_wait(ep, ev, 64, 5000);
		if (k <= 0)
			fail("no answer for 5 s");
		for (int i = 0; i < k; i++)
			answers += take(ev[i].data.ptr);
		now = net_seconds();
	}
	printf("%lu requests in %.2f s: %.0f requests/s\n", answers, now - start, (double)answers / (now - start));
	return 0;
}
