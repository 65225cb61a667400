/*
 * Helpers shared by the network test programs (built static for the guest) and the
 * host-side drivers and benchmark tools (built natively): addresses, listening and
 * connecting sockets, whole transfers, the test data pattern and its checksum.
 * Failures print one "FAIL" line on stdout, which the tests compare, and exit 1.
 */
#ifndef COCOON_NET_UTIL_H
#define COCOON_NET_UTIL_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static inline void die(const char *what)
{
	printf("FAIL %s: %s\n", what, strerror(errno));
	exit(1);
}

static inline void fail(const char *what)
{
	printf("FAIL %s\n", what);
	exit(1);
}

static inline unsigned long number(const char *s)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 0);
	if (errno || end == s || *end)
		fail("bad number argument");
	return v;
}

static inline struct sockaddr_in net_addr(const char *ip, const char *port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)number(port)) };
	if (inet_pton(AF_INET, ip, &a.sin_addr) != 1)
		fail("bad IPv4 address argument");
	return a;
}

/*
 * A bound socket of type (SOCK_STREAM ones also listening) on ip:port; ip "::" makes
 * it an AF_INET6 socket on every address, dual-stack: IPv4 peers reach it too.
 */
static inline int net_listen(const char *ip, const char *port, int type)
{
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_port = htons((uint16_t)number(port)) };
	struct sockaddr_in a = { .sin_family = AF_INET };
	int six = strcmp(ip, "::") == 0;
	if (!six)
		a = net_addr(ip, port);
	int s = socket(six ? AF_INET6 : AF_INET, type, 0), one = 1;
	if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    (six ? bind(s, (struct sockaddr *)&a6, sizeof(a6)) : bind(s, (struct sockaddr *)&a, sizeof(a))))
		die("bind");
	if ((type & 0xf) == SOCK_STREAM && listen(s, 128))
		die("listen");
	return s;
}

static inline double net_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A connected TCP socket; retried for up to 10 s while the peer is not up or not listening yet. */
static inline int net_connect(struct sockaddr_in a)
{
	double end = net_seconds() + 10;
	for (;;) {
		int s = socket(AF_INET, SOCK_STREAM, 0);
		if (s < 0)
			die("socket");
		if (connect(s, (struct sockaddr *)&a, sizeof(a)) == 0)
			return s;
		if ((errno != ECONNREFUSED && errno != EHOSTUNREACH) || net_seconds() > end)
			die("connect");
		close(s);
		usleep(20000);
	}
}

static inline void write_all(int fd, const void *buf, size_t n)
{
	for (size_t done = 0; done < n;) {
		ssize_t w = write(fd, (const char *)buf + done, n - done);
		if (w < 0 && errno != EINTR)
			die("write");
		if (w > 0)
			done += (size_t)w;
	}
}

/* The test data: byte off of stream seed. */
static inline unsigned char pattern_byte(uint32_t seed, uint64_t off)
{
	return (unsigned char)(off * 131 + (off >> 8) * 7 + seed * 29);
}

static inline void pattern(uint32_t seed, uint64_t off, unsigned char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = pattern_byte(seed, off + i);
}

#define FNV_START 0xcbf29ce484222325ull

/* FNV-1a, continued from h. */
static inline uint64_t fnv(uint64_t h, const void *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ ((const unsigned char *)buf)[i]) * 0x100000001b3ull;
	return h;
}

#endif
