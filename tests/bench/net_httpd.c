/*
 * A small static HTTP/1.1 server for the network benchmark: one thread, one epoll
 * set, keep-alive; every request (up to its blank line) gets the same small page.
 * Runs until killed. Usage: net_httpd IP PORT
 */
#include "../progs/net_util.h"
#include <netinet/tcp.h>
#include <sys/epoll.h>

static const char reply[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n"
			    "Connection: keep-alive\r\n\r\nHello, world\n";

struct conn {
	int fd;
	size_t have; /* bytes of an unfinished request */
	char req[4096];
};

/* Answers every whole request in c; returns 0 when the connection is to be closed. */
static int serve(struct conn *c)
{
	for (;;) {
		ssize_t r = read(c->fd, c->req + c->have, sizeof(c->req) - c->have);
		if (r < 0 && errno == EAGAIN)
			return 1;
		if (r <= 0)
			return 0;
		c->have += (size_t)r;
		char *end;
		while ((end = memmem(c->req, c->have, "\r\n\r\n", 4))) {
			if (write(c->fd, reply, sizeof(reply) - 1) != (ssize_t)sizeof(reply) - 1)
				return 0; /* a client that does not read its answers is dropped */
			size_t used = (size_t)(end + 4 - c->req);
			memmove(c->req, c->req + used, c->have - used);
			c->have -= used;
		}
		if (c->have == sizeof(c->req))
			return 0;
	}
}

int main(int argc, char **argv)
{
	if (argc != 3)
		fail("usage: net_httpd IP PORT");
	int ls = net_listen(argv[1], argv[2], SOCK_STREAM | SOCK_NONBLOCK);
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event le = { .events = EPOLLIN, .data.ptr = 0 };
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, ls, &le))
		die("epoll");
	for (;;) {
		struct epoll_event ev[64];
		int n = epoll_wait(ep, ev, 64, -1);
		if (n < 0 && errno != EINTR)
			die("epoll_wait");
		for (int i = 0; i < n; i++) {
			struct conn *c = ev[i].data.ptr;
			if (c && serve(c))
				continue;
			if (c) {
				close(c->fd);
				free(c);
				continue;
			}
			int fd;
			while ((fd = accept4(ls, 0, 0, SOCK_NONBLOCK)) >= 0) {
				int one = 1;
				c = calloc(1, sizeof(*c));
				struct epoll_event e = { .events = EPOLLIN, .data.ptr = c };
				if (!c || setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) ||
				    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e))
					die("new connection");
				c->fd = fd;
			}
			if (errno != EAGAIN)
				die("accept");
		}
	}
}
