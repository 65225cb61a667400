/*
 * The guest side of the network tests (tests/net_tap.sh): servers and clients
 * whose output depends only on what crossed the network, so a run under
 * uhyve-run and a native run print the same.
 *   echo PORT CONNS        epoll echo server: CONNS connections, each echoed until the
 *                          peer half-closes, then closed
 *   udp PORT N             echo N distinct datagrams (numbered by their first 4 bytes)
 *   get ADDR PORT PATH     HTTP/1.0 GET: status line, body length and hash
 *   connect ADDR PORT      non-blocking connect: EINPROGRESS, then the result
 *   kv PORT                key-value server (SET k v / GET k), until killed (benchmark)
 *   bulk-send ADDR PORT MB send MB MiB, print the rate (benchmark)
 *   bulk-recv PORT         take one connection's data, print the rate (benchmark)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_FDS 1024
#define BUF 65536

/* musl has no strerrorname_np: the names these tests can meet. */
static const char *errname(int e)
{
	static const struct { int e; const char *name; } names[] = {
		{ ECONNREFUSED, "ECONNREFUSED" }, { ETIMEDOUT, "ETIMEDOUT" }, { EHOSTUNREACH, "EHOSTUNREACH" },
		{ ENETUNREACH, "ENETUNREACH" }, { EISCONN, "EISCONN" }, { EALREADY, "EALREADY" },
		{ EINPROGRESS, "EINPROGRESS" }, { ECONNRESET, "ECONNRESET" }, { EPIPE, "EPIPE" },
		{ EADDRINUSE, "EADDRINUSE" }, { EAGAIN, "EAGAIN" }, { EINVAL, "EINVAL" },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == e)
			return names[i].name;
	return "another error";
}

static _Noreturn void fail(const char *what)
{
	printf("%s: %s\n", what, errname(errno));
	exit(1);
}

static struct sockaddr_in addr_of(const char *ip, const char *port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(port)) };
	if (ip && inet_pton(AF_INET, ip, &a.sin_addr) != 1) {
		printf("bad address %s\n", ip);
		exit(2);
	}
	return a;
}

static int listener(const char *port, int type)
{
	int s = socket(AF_INET, type, 0), one = 1;
	struct sockaddr_in a = addr_of(0, port);
	if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0)
		fail("socket");
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) < 0)
		fail("bind");
	if (type == SOCK_STREAM && listen(s, 128) < 0)
		fail("listen");
	return s;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Per connection of the echo server: bytes read but not yet written back. */
static struct conn {
	char *buf;
	size_t len, off;
	int eof;
} conns[MAX_FDS];

static void echo_server(const char *port, long want)
{
	int l = listener(port, SOCK_STREAM), ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = l };
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev) < 0)
		fail("epoll");
	long done = 0, bytes = 0;
	int most = 0, open_now = 0;
	while (done < want) {
		struct epoll_event evs[64];
		int n = epoll_wait(ep, evs, 64, -1);
		if (n < 0)
			fail("epoll_wait");
		for (int i = 0; i < n; i++) {
			int fd = evs[i].data.fd;
			if (fd == l) {
				int c = accept4(l, 0, 0, SOCK_NONBLOCK | SOCK_CLOEXEC);
				if (c < 0 || c >= MAX_FDS)
					fail("accept4");
				conns[c] = (struct conn){ .buf = malloc(BUF) };
				struct epoll_event cev = { .events = EPOLLIN, .data.fd = c };
				if (!conns[c].buf || epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev) < 0)
					fail("epoll_ctl");
				if (++open_now > most)
					most = open_now;
				continue;
			}
			struct conn *k = &conns[fd];
			if (k->len == 0 && !k->eof) {
				ssize_t r = read(fd, k->buf, BUF);
				if (r < 0 && errno != EAGAIN)
					fail("read");
				if (r == 0)
					k->eof = 1;
				if (r > 0) {
					k->len = (size_t)r;
					k->off = 0;
					bytes += r;
				}
			}
			while (k->off < k->len) {
				ssize_t w = write(fd, k->buf + k->off, k->len - k->off);
				if (w < 0 && errno == EAGAIN)
					break;
				if (w < 0)
					fail("write");
				k->off += (size_t)w;
			}
			if (k->off == k->len)
				k->len = k->off = 0;
			struct epoll_event cev = { .events = k->len ? EPOLLOUT : EPOLLIN, .data.fd = fd };
			if (k->eof && !k->len) {
				shutdown(fd, SHUT_WR);
				close(fd);
				free(k->buf);
				open_now--;
				done++;
			} else if (epoll_ctl(ep, EPOLL_CTL_MOD, fd, &cev) < 0)
				fail("epoll_ctl");
		}
	}
	printf("echo: %ld connections, %ld bytes, %s concurrent\n", done, bytes, most > 1 ? "several" : "one at a time");
}

static void udp_server(const char *port, long want)
{
	int s = listener(port, SOCK_DGRAM);
	static char seen[1 << 16];
	char buf[2048];
	long got = 0, bytes = 0;
	while (got < want) {
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
		if (n < 0)
			fail("recvfrom");
		if (sendto(s, buf, (size_t)n, 0, (struct sockaddr *)&from, fl) != n)
			fail("sendto");
		uint32_t seq;
		if (n < 4)
			continue;
		memcpy(&seq, buf, 4);
		if (seq < sizeof(seen) && !seen[seq]) {
			seen[seq] = 1;
			got++;
			bytes += n;
		}
	}
	printf("udp: %ld datagrams, %ld bytes\n", got, bytes);
}

static int connect_to(const char *ip, const char *port)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = addr_of(ip, port);
	if (s < 0 || connect(s, (struct sockaddr *)&a, sizeof(a)) < 0)
		fail("connect");
	return s;
}

static void http_get(const char *ip, const char *port, const char *path)
{
	int s = connect_to(ip, port);
	char req[512];
	int len = snprintf(req, sizeof(req), "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n", path, ip);
	if (write(s, req, (size_t)len) != len)
		fail("write");
	static char resp[8 << 20];
	size_t got = 0;
	ssize_t n;
	while ((n = read(s, resp + got, sizeof(resp) - got)) > 0)
		got += (size_t)n;
	if (n < 0)
		fail("read");
	char *body = memmem(resp, got, "\r\n\r\n", 4);
	char *eol = memchr(resp, '\r', got);
	if (!body || !eol) {
		printf("get: no HTTP response (%zu bytes)\n", got);
		exit(1);
	}
	body += 4;
	uint64_t h = 1469598103934665603ULL;
	for (char *p = body; p < resp + got; p++)
		h = (h ^ (uint8_t)*p) * 1099511628211ULL;
	printf("get: %.*s, %zu body bytes, hash %016llx\n", (int)(eol - resp), resp, (size_t)(resp + got - body),
	       (unsigned long long)h);
}

static void nb_connect(const char *ip, const char *port)
{
	int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	struct sockaddr_in a = addr_of(ip, port);
	int r = connect(s, (struct sockaddr *)&a, sizeof(a));
	printf("connect: %s\n", r == 0 ? "at once" : errno == EINPROGRESS ? "EINPROGRESS" : errname(errno));
	struct pollfd p = { s, POLLOUT, 0 };
	if (poll(&p, 1, 10000) != 1) {
		printf("poll: no answer in 10 s\n");
		exit(1);
	}
	int err = 0;
	socklen_t el = sizeof(err);
	if (getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &el) < 0)
		fail("getsockopt");
	printf("SO_ERROR: %s\n", err ? errname(err) : "0");
	if (!err) {
		r = connect(s, (struct sockaddr *)&a, sizeof(a));
		printf("again: %s\n", r == 0 ? "0" : errname(errno));
	}
}

static void kv_server(const char *port)
{
	int l = listener(port, SOCK_STREAM), ep = epoll_create1(0), one = 1;
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = l };
	epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev);
	static char keys[256][32], vals[256][64];
	char buf[4096], out[8192];
	for (;;) {
		struct epoll_event evs[64];
		int n = epoll_wait(ep, evs, 64, -1);
		for (int i = 0; i < n; i++) {
			int fd = evs[i].data.fd;
			if (fd == l) {
				int c = accept4(l, 0, 0, SOCK_NONBLOCK);
				struct epoll_event cev = { .events = EPOLLIN, .data.fd = c };
				setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
				epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
				continue;
			}
			ssize_t r = read(fd, buf, sizeof(buf) - 1);
			if (r <= 0) {
				close(fd);
				continue;
			}
			buf[r] = 0;
			size_t olen = 0;
			for (char *line = buf, *nl; (nl = strchr(line, '\n')); line = nl + 1) {
				*nl = 0;
				char k[32], v[64];
				unsigned h = 0;
				if (sscanf(line, "SET %31s %63s", k, v) == 2) {
					for (char *c = k; *c; c++)
						h = h * 31 + (uint8_t)*c;
					strcpy(keys[h % 256], k);
					strcpy(vals[h % 256], v);
					olen += (size_t)snprintf(out + olen, sizeof(out) - olen, "OK\n");
				} else if (sscanf(line, "GET %31s", k) == 1) {
					for (char *c = k; *c; c++)
						h = h * 31 + (uint8_t)*c;
					olen += (size_t)snprintf(out + olen, sizeof(out) - olen, "VALUE %s\n",
								 strcmp(keys[h % 256], k) ? "-" : vals[h % 256]);
				}
			}
			if (olen && write(fd, out, olen) < 0)
				close(fd);
		}
	}
}

static void bulk_send(const char *ip, const char *port, long mib)
{
	int s = connect_to(ip, port);
	static char buf[BUF];
	long total = mib << 20, sent = 0;
	double t0 = now();
	while (sent < total) {
		ssize_t n = write(s, buf, sizeof(buf));
		if (n <= 0)
			fail("write");
		sent += n;
	}
	close(s);
	printf("sent %ld MiB in %.3f s\n", sent >> 20, now() - t0);
}

static void bulk_recv(const char *port)
{
	int l = listener(port, SOCK_STREAM), c = accept(l, 0, 0);
	static char buf[BUF];
	long got = 0;
	ssize_t n;
	double t0 = now();
	while ((n = read(c, buf, sizeof(buf))) > 0)
		got += n;
	double dt = now() - t0;
	printf("received %ld MiB in %.3f s: %.2f Gbit/s\n", got >> 20, dt, (double)got * 8 / dt / 1e9);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	const char *m = argc > 1 ? argv[1] : "";
	if (!strcmp(m, "echo") && argc == 4)
		echo_server(argv[2], atol(argv[3]));
	else if (!strcmp(m, "udp") && argc == 4)
		udp_server(argv[2], atol(argv[3]));
	else if (!strcmp(m, "get") && argc == 5)
		http_get(argv[2], argv[3], argv[4]);
	else if (!strcmp(m, "connect") && argc == 4)
		nb_connect(argv[2], argv[3]);
	else if (!strcmp(m, "kv") && argc == 3)
		kv_server(argv[2]);
	else if (!strcmp(m, "bulk-send") && argc == 5)
		bulk_send(argv[2], argv[3], atol(argv[4]));
	else if (!strcmp(m, "bulk-recv") && argc == 3)
		bulk_recv(argv[2]);
	else {
		fprintf(stderr, "usage: see the top of net_peer.c\n");
		return 2;
	}
	return 0;
}
