/*
 * A non-blocking TCP echo server on one epoll set: accepts CONNS connections,
 * echoes each (holding back what the peer cannot take yet) until it half-closes,
 * then closes it; ends when all CONNS are done. Prints how many were open at once
 * and the totals (a sum of per-connection checksums, so arrival order does not
 * matter). Usage: net_epoll_server IP PORT CONNS
 */
#include "net_util.h"
#include <fcntl.h>
#include <sys/epoll.h>

#define MAX_CONNS 1024

struct conn {
	int fd;
	size_t pending, off; /* echo bytes not yet written back, from buf + off */
	unsigned long bytes;
	uint64_t sum;
	char buf[16384];
};

static int ep;

static void watch(struct conn *c, int op, uint32_t events)
{
	struct epoll_event e = { .events = events, .data.ptr = c };
	if (epoll_ctl(ep, op, c->fd, &e))
		die("epoll_ctl");
}

/* Moves c on as far as it can without blocking; returns 1 when the connection is done. */
static int serve(struct conn *c)
{
	for (;;) {
		while (c->pending) {
			ssize_t w = write(c->fd, c->buf + c->off, c->pending);
			if (w < 0 && errno == EAGAIN) {
				watch(c, EPOLL_CTL_MOD, EPOLLOUT);
				return 0;
			}
			if (w < 0)
				die("write");
			c->off += (size_t)w;
			c->pending -= (size_t)w;
		}
		ssize_t r = read(c->fd, c->buf, sizeof(c->buf));
		if (r == 0)
			return 1;
		if (r < 0 && errno == EAGAIN) {
			watch(c, EPOLL_CTL_MOD, EPOLLIN);
			return 0;
		}
		if (r < 0)
			die("read");
		c->sum = fnv(c->sum, c->buf, (size_t)r);
		c->bytes += (unsigned long)r;
		c->pending = (size_t)r;
		c->off = 0;
	}
}

int main(int argc, char **argv)
{
	if (argc != 4)
		fail("usage: net_epoll_server IP PORT CONNS");
	unsigned long conns = number(argv[3]), accepted = 0, done = 0, open = 0, peak = 0, bytes = 0;
	uint64_t sums = 0;
	if (conns > MAX_CONNS)
		fail("too many connections");
	int ls = net_listen(argv[1], argv[2], SOCK_STREAM | SOCK_NONBLOCK);
	ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event le = { .events = EPOLLIN, .data.ptr = 0 };
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, ls, &le))
		die("epoll");
	while (done < conns) {
		struct epoll_event ev[64];
		int n = epoll_wait(ep, ev, 64, 20000);
		if (n < 0)
			die("epoll_wait");
		if (n == 0)
			fail("no event for 20 s");
		/* Connections waiting are taken first, so a peak of CONNS depends only on the client. */
		while (accepted < conns) {
			int fd = accept4(ls, 0, 0, SOCK_NONBLOCK);
			if (fd < 0 && errno == EAGAIN)
				break;
			if (fd < 0)
				die("accept");
			struct conn *c = calloc(1, sizeof(*c));
			if (!c)
				die("calloc");
			c->fd = fd;
			c->sum = FNV_START;
			watch(c, EPOLL_CTL_ADD, EPOLLIN);
			accepted++;
			if (++open > peak)
				peak = open;
		}
		for (int i = 0; i < n; i++) {
			struct conn *c = ev[i].data.ptr;
			if (!c)
				continue;
			if (!serve(c))
				continue;
			if (close(c->fd))
				die("close");
			bytes += c->bytes;
			sums += c->sum;
			free(c);
			open--;
			done++;
		}
	}
	printf("served %lu connections, at most %lu at once, %lu bytes, fnv sum %016llx\n", done, peak, bytes,
	       (unsigned long long)sums);
	return 0;
}
