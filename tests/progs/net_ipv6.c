/*
 * AF_INET6 sockets on the loopback, with Linux's answers: TCP over ::1, a dual-stack
 * listener on :: taking an IPv4 client (seen IPv4-mapped), IPV6_V6ONLY refusing one,
 * UDP over ::1, the addresses getsockname/getpeername/accept/recvfrom give, and errors.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void die(const char *what)
{
	printf("FAIL %s: %s\n", what, strerror(errno));
	exit(1);
}

static struct sockaddr_in6 addr6(const char *text, uint16_t port)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_port = htons(port) };
	if (inet_pton(AF_INET6, text, &a.sin6_addr) != 1)
		die("inet_pton");
	return a;
}

/* A call's result and, when it failed, its error. */
static void result(const char *what, int r)
{
	printf("%s: %d %s\n", what, r, r < 0 ? strerror(errno) : "");
}

/* Prints an address as the kernel gave it: family, text, port (0 for an ephemeral one), length. */
static void show(const char *what, const struct sockaddr_storage *a, socklen_t len)
{
	char text[INET6_ADDRSTRLEN] = "?";
	unsigned port = 0;
	if (a->ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const void *)a;
		inet_ntop(AF_INET6, &s6->sin6_addr, text, sizeof(text));
		port = ntohs(s6->sin6_port);
	} else if (a->ss_family == AF_INET) {
		const struct sockaddr_in *s4 = (const void *)a;
		inet_ntop(AF_INET, &s4->sin_addr, text, sizeof(text));
		port = ntohs(s4->sin_port);
	}
	printf("%s: family %d [%s]:%u len %u\n", what, a->ss_family, text, port < 32768 ? port : 0, (unsigned)len);
}

static int listener(const struct sockaddr_in6 *a, int v6only)
{
	int s = socket(AF_INET6, SOCK_STREAM, 0), one = 1;
	if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)))
		die("socket");
	if (v6only >= 0 && setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof(v6only)))
		die("IPV6_V6ONLY");
	if (bind(s, (const struct sockaddr *)a, sizeof(*a)) || listen(s, 8))
		die("bind/listen");
	return s;
}

/* One connection to l from c (already connected): a message each way, addresses shown. */
static void exchange(int l, int c, const char *name)
{
	struct sockaddr_storage a;
	socklen_t len = sizeof(a);
	int s = accept(l, (struct sockaddr *)&a, &len);
	if (s < 0)
		die("accept");
	show("  accepted peer", &a, len);
	len = sizeof(a);
	if (getsockname(s, (struct sockaddr *)&a, &len))
		die("getsockname");
	show("  accepted local", &a, len);
	char buf[64];
	if (write(c, name, strlen(name)) != (ssize_t)strlen(name))
		die("write");
	ssize_t n = read(s, buf, sizeof(buf));
	if (n <= 0 || write(s, buf, (size_t)n) != n)
		die("echo");
	n = read(c, buf, sizeof(buf));
	printf("  echoed %.*s\n", (int)(n > 0 ? n : 0), buf);
	close(s);
	close(c);
}

int main(void)
{
	int s = socket(AF_INET6, SOCK_STREAM, 0), v = -1;
	socklen_t vl = sizeof(v);
	if (s < 0)
		die("socket AF_INET6");
	getsockopt(s, SOL_SOCKET, SO_DOMAIN, &v, &vl);
	printf("SO_DOMAIN %d\n", v);
	vl = sizeof(v);
	getsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &v, &vl);
	printf("IPV6_V6ONLY default %d\n", v);
	struct sockaddr_in v4 = { .sin_family = AF_INET, .sin_port = htons(7400) };
	result("bind with sockaddr_in", bind(s, (struct sockaddr *)&v4, sizeof(v4)));
	struct sockaddr_in6 a = addr6("::1", 7400);
	result("bind with short length", bind(s, (struct sockaddr *)&a, 20));
	close(s);

	puts("TCP over ::1");
	int l = listener(&a, -1), c = socket(AF_INET6, SOCK_STREAM, 0);
	if (c < 0 || connect(c, (struct sockaddr *)&a, sizeof(a)))
		die("connect ::1");
	struct sockaddr_storage got;
	socklen_t len = sizeof(got);
	if (getpeername(c, (struct sockaddr *)&got, &len))
		die("getpeername");
	show("  client's peer", &got, len);
	v = 1;
	result("  IPV6_V6ONLY after bind", setsockopt(l, IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v)));
	exchange(l, c, "six");
	close(l);

	puts("dual-stack listener on ::, IPv4 client");
	a = addr6("::", 7401);
	l = listener(&a, 0);
	len = sizeof(got);
	getsockname(l, (struct sockaddr *)&got, &len);
	show("  listener", &got, len);
	c = socket(AF_INET, SOCK_STREAM, 0);
	v4 = (struct sockaddr_in){ .sin_family = AF_INET, .sin_port = htons(7401) };
	v4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (c < 0 || connect(c, (struct sockaddr *)&v4, sizeof(v4)))
		die("connect 127.0.0.1 to ::");
	exchange(l, c, "four");
	c = socket(AF_INET6, SOCK_STREAM, 0);
	struct sockaddr_in6 mapped = addr6("::ffff:127.0.0.1", 7401);
	if (c < 0 || connect(c, (struct sockaddr *)&mapped, sizeof(mapped)))
		die("connect ::ffff:127.0.0.1");
	exchange(l, c, "mapped");
	close(l);

	puts("IPv6-only listener on ::, IPv4 client");
	a = addr6("::", 7402);
	l = listener(&a, 1);
	c = socket(AF_INET, SOCK_STREAM, 0);
	v4.sin_port = htons(7402);
	result("  connect", connect(c, (struct sockaddr *)&v4, sizeof(v4)));
	close(c);
	close(l);

	puts("UDP over ::1");
	int u1 = socket(AF_INET6, SOCK_DGRAM, 0), u2 = socket(AF_INET6, SOCK_DGRAM, 0);
	struct sockaddr_in6 ua = addr6("::1", 7403), ub = addr6("::1", 7404);
	if (u1 < 0 || u2 < 0 || bind(u1, (struct sockaddr *)&ua, sizeof(ua)) || bind(u2, (struct sockaddr *)&ub, sizeof(ub)))
		die("udp bind");
	if (sendto(u1, "ping", 4, 0, (struct sockaddr *)&ub, sizeof(ub)) != 4)
		die("sendto");
	char buf[16];
	len = sizeof(got);
	ssize_t n = recvfrom(u2, buf, sizeof(buf), 0, (struct sockaddr *)&got, &len);
	printf("  got %.*s\n", (int)(n > 0 ? n : 0), buf);
	show("  from", &got, len);
	close(u1);
	close(u2);
	return 0;
}
