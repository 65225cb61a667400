/*
 * The host side of the network tests and benchmark (a native program):
 *   echo ADDR PORT CONNS PARALLEL BYTES   CONNS connections to an echo server, PARALLEL at
 *                                         once; each sends its own pattern (BYTES for every
 *                                         tenth, less for the others), half-closes, and
 *                                         checks that exactly its bytes come back
 *   udp ADDR PORT N                       N numbered datagrams, each echo checked
 *   rr ADDR PORT CONNS SECONDS            key-value requests on CONNS connections: req/s
 *   bulk-send ADDR PORT MB / bulk-recv PORT
 * A peer that is not up yet is waited for (connect retried for 20 s). Exit 0 when all
 * checks hold, 1 with a line saying what did not.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static struct sockaddr_in peer;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static _Noreturn void fail(const char *what)
{
	printf("net_driver: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* A connected TCP socket to peer, retrying while the guest boots. */
static int dial(void)
{
	double give_up = now() + 20;
	for (;;) {
		int s = socket(AF_INET, SOCK_STREAM, 0);
		if (s < 0)
			fail("socket");
		if (connect(s, (struct sockaddr *)&peer, sizeof(peer)) == 0)
			return s;
		close(s);
		if (now() > give_up)
			fail("connect");
		usleep(20000);
	}
}

static uint8_t pattern(long conn, long i)
{
	return (uint8_t)((conn * 131 + i * 7 + (i >> 9)) & 0xff);
}

struct conn {
	int fd;
	long id, size, sent, got;
	int shut;
};

static void run_echo(long total, int parallel, long bytes)
{
	struct conn *c = calloc((size_t)parallel, sizeof(*c));
	struct pollfd *p = calloc((size_t)parallel, sizeof(*p));
	long started = 0, done = 0;
	uint8_t buf[65536];
	for (int i = 0; i < parallel; i++)
		c[i].fd = -1;
	while (done < total) {
		for (int i = 0; i < parallel; i++) {
			if (c[i].fd < 0 && started < total) {
				long id = started++;
				c[i] = (struct conn){ .fd = dial(), .id = id, .size = id % 10 ? 1 + id * 7919 % 5000 : bytes };
			}
			p[i] = (struct pollfd){ c[i].fd, (short)(POLLIN | (c[i].sent < c[i].size ? POLLOUT : 0)), 0 };
		}
		if (poll(p, (nfds_t)parallel, 20000) <= 0) {
			printf("net_driver: echo: no progress in 20 s (%ld of %ld connections done)\n", done, total);
			exit(1);
		}
		for (int i = 0; i < parallel; i++) {
			struct conn *k = &c[i];
			if (k->fd < 0)
				continue;
			if ((p[i].revents & POLLOUT) && k->sent < k->size) {
				long n = k->size - k->sent < (long)sizeof(buf) ? k->size - k->sent : (long)sizeof(buf);
				for (long j = 0; j < n; j++)
					buf[j] = pattern(k->id, k->sent + j);
				ssize_t w = send(k->fd, buf, (size_t)n, MSG_DONTWAIT);
				if (w < 0 && errno != EAGAIN)
					fail("send");
				if (w > 0)
					k->sent += w;
			}
			if (k->sent == k->size && !k->shut) {
				shutdown(k->fd, SHUT_WR);
				k->shut = 1;
			}
			if (p[i].revents & (POLLIN | POLLHUP | POLLERR)) {
				ssize_t r = recv(k->fd, buf, sizeof(buf), MSG_DONTWAIT);
				if (r < 0 && errno != EAGAIN)
					fail("recv");
				for (long j = 0; j < r; j++)
					if (buf[j] != pattern(k->id, k->got + j)) {
						printf("net_driver: echo: connection %ld: byte %ld differs\n", k->id, k->got + j);
						exit(1);
					}
				if (r > 0)
					k->got += r;
				if (r == 0) {
					if (k->got != k->size) {
						printf("net_driver: echo: connection %ld: %ld of %ld bytes came back\n", k->id,
						       k->got, k->size);
						exit(1);
					}
					close(k->fd);
					k->fd = -1;
					done++;
				}
			}
		}
	}
	printf("net_driver: echo: %ld connections checked\n", done);
}

static void run_udp(long n)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	struct timeval tv = { .tv_sec = 0, .tv_usec = 200000 };
	if (s < 0 || setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0)
		fail("socket");
	uint8_t out[1500], in[2048];
	double give_up = now() + 20;
	for (uint32_t seq = 0; seq < n; seq++) {
		size_t len = 4 + (seq * 37) % 1400;
		memcpy(out, &seq, 4);
		for (size_t j = 4; j < len; j++)
			out[j] = (uint8_t)(seq + j);
		for (;;) {
			if (sendto(s, out, len, 0, (struct sockaddr *)&peer, sizeof(peer)) < 0 && errno != ECONNREFUSED)
				fail("sendto");
			ssize_t r = recv(s, in, sizeof(in), 0);
			uint32_t back;
			if (r == (ssize_t)len && !memcmp(in, out, len))
				break;
			/* An echo of an earlier datagram sent twice is fine; a wrong one is not. */
			if (r >= 0 && (r < 4 || (memcpy(&back, in, 4), back >= seq))) {
				printf("net_driver: udp: datagram %u came back wrong\n", seq);
				exit(1);
			}
			if (now() > give_up) {
				printf("net_driver: udp: no echo of datagram %u\n", seq);
				exit(1);
			}
		}
	}
	printf("net_driver: udp: %ld datagrams checked\n", n);
}

static void run_rr(int conns, double seconds)
{
	int *fd = calloc((size_t)conns, sizeof(int));
	struct pollfd *p = calloc((size_t)conns, sizeof(*p));
	int one = 1;
	char line[128], buf[4096];
	for (int i = 0; i < conns; i++) {
		fd[i] = dial();
		setsockopt(fd[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		int len = snprintf(line, sizeof(line), "SET key%d value%d\n", i, i);
		if (write(fd[i], line, (size_t)len) != len || read(fd[i], buf, sizeof(buf)) <= 0)
			fail("SET");
	}
	long done = 0;
	for (int i = 0; i < conns; i++) {
		int len = snprintf(line, sizeof(line), "GET key%d\n", i);
		if (write(fd[i], line, (size_t)len) != len)
			fail("GET");
		p[i] = (struct pollfd){ fd[i], POLLIN, 0 };
	}
	double t0 = now(), end = t0 + seconds;
	while (now() < end) {
		if (poll(p, (nfds_t)conns, 5000) <= 0)
			fail("poll");
		for (int i = 0; i < conns; i++) {
			if (!(p[i].revents & POLLIN))
				continue;
			if (read(fd[i], buf, sizeof(buf)) <= 0)
				fail("read");
			done++;
			int len = snprintf(line, sizeof(line), "GET key%d\n", i);
			if (write(fd[i], line, (size_t)len) != len)
				fail("GET");
		}
	}
	printf("%.0f requests/s\n", (double)done / (now() - t0));
}

static void bulk_send(long mib)
{
	int s = dial();
	static char buf[65536];
	long total = mib << 20, sent = 0;
	while (sent < total) {
		ssize_t n = write(s, buf, sizeof(buf));
		if (n <= 0)
			fail("write");
		sent += n;
	}
	close(s);
}

static void bulk_recv(const char *port)
{
	int l = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(port)) };
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(l, 1) < 0)
		fail("listen");
	int c = accept(l, 0, 0);
	static char buf[65536];
	long got = 0;
	ssize_t n;
	double t0 = now();
	while ((n = read(c, buf, sizeof(buf))) > 0)
		got += n;
	double dt = now() - t0;
	printf("received %ld MiB in %.3f s: %.2f Gbit/s\n", got >> 20, dt, (double)got * 8 / dt / 1e9);
}

static void set_peer(const char *ip, const char *port)
{
	peer = (struct sockaddr_in){ .sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(port)) };
	if (inet_pton(AF_INET, ip, &peer.sin_addr) != 1) {
		printf("net_driver: bad address %s\n", ip);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	const char *m = argc > 1 ? argv[1] : "";
	if (!strcmp(m, "bulk-recv") && argc == 3) {
		bulk_recv(argv[2]);
		return 0;
	}
	if (argc < 4) {
		fprintf(stderr, "usage: see the top of net_driver.c\n");
		return 2;
	}
	set_peer(argv[2], argv[3]);
	if (!strcmp(m, "echo") && argc == 7)
		run_echo(atol(argv[4]), atoi(argv[5]), atol(argv[6]));
	else if (!strcmp(m, "udp") && argc == 5)
		run_udp(atol(argv[4]));
	else if (!strcmp(m, "rr") && argc == 6)
		run_rr(atoi(argv[4]), atof(argv[5]));
	else if (!strcmp(m, "bulk-send") && argc == 5)
		bulk_send(atol(argv[4]));
	else {
		fprintf(stderr, "usage: see the top of net_driver.c\n");
		return 2;
	}
	return 0;
}
