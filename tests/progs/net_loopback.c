/*
 * Sockets on 127.0.0.1, with Linux's answers: a TCP echo server thread with
 * many clients, a large transfer checked byte for byte with a half-close,
 * UDP request/response, non-blocking connects, an epoll server, and errors.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define CONNS 50
#define BULK (8 << 20)
#define EPOLL_CLIENTS 30

static void die(const char *what)
{
	printf("FAIL %s: %s\n", what, strerror(errno));
	exit(1);
}

static struct sockaddr_in loopback(uint16_t port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

/* A listening TCP socket on 127.0.0.1 and a free port; *port gets it. */
static int tcp_listener(uint16_t *port)
{
	int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	struct sockaddr_in a = loopback(0);
	socklen_t len = sizeof(a);
	if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(s, (struct sockaddr *)&a, sizeof(a)) || listen(s, 64) ||
	    getsockname(s, (struct sockaddr *)&a, &len))
		die("listener");
	*port = ntohs(a.sin_port);
	return s;
}

static int tcp_connect(uint16_t port)
{
	struct sockaddr_in a = loopback(port);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0 || connect(s, (struct sockaddr *)&a, sizeof(a)))
		die("connect");
	return s;
}

static void write_all(int fd, const void *buf, size_t len)
{
	for (size_t done = 0; done < len;) {
		ssize_t n = write(fd, (const char *)buf + done, len - done);
		if (n <= 0)
			die("write");
		done += (size_t)n;
	}
}

static uint8_t pattern(size_t i)
{
	return (uint8_t)(i * 7 + (i >> 11));
}

/* Echo each connection until its EOF, then half-close back. */
static void *echo_server(void *arg)
{
	int l = *(int *)arg;
	for (;;) {
		int c = accept(l, 0, 0);
		if (c < 0)
			die("accept");
		char buf[65536];
		ssize_t n;
		size_t total = 0;
		while ((n = read(c, buf, sizeof(buf))) > 0) {
			write_all(c, buf, (size_t)n);
			total += (size_t)n;
		}
		if (n < 0)
			die("echo read");
		if (shutdown(c, SHUT_WR))
			die("shutdown");
		if (read(c, buf, 1) != 0)
			die("read after EOF");
		close(c);
		if (total == 1 && buf[0] == 'Q') /* the quit connection; a bulk read may start with Q too */
			break;
	}
	return 0;
}

static void *bulk_writer(void *arg)
{
	int s = *(int *)arg;
	static uint8_t chunk[100000];
	for (size_t done = 0; done < BULK;) {
		size_t k = BULK - done < sizeof(chunk) ? BULK - done : sizeof(chunk);
		for (size_t i = 0; i < k; i++)
			chunk[i] = pattern(done + i);
		write_all(s, chunk, k);
		done += k;
	}
	if (shutdown(s, SHUT_WR))
		die("bulk shutdown");
	return 0;
}

static void tcp_tests(void)
{
	uint16_t port;
	int l = tcp_listener(&port);
	pthread_t server;
	pthread_create(&server, 0, echo_server, &l);

	int ok = 0;
	for (int i = 0; i < CONNS; i++) {
		int s = tcp_connect(port), one = 1;
		char msg[64], back[64];
		int len = snprintf(msg, sizeof(msg), "hello %d", i);
		if (i % 2)
			setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		write_all(s, msg, (size_t)len);
		ssize_t got = 0, n;
		while (got < len && (n = read(s, back + got, sizeof(back) - (size_t)got)) > 0)
			got += n;
		shutdown(s, SHUT_WR);
		ok += got == len && !memcmp(msg, back, (size_t)len) && read(s, back, 1) == 0;
		close(s);
	}
	printf("tcp: %d of %d echo connections ok\n", ok, CONNS);

	/* Bulk both ways at once: a writer thread, and this thread checking what comes back. */
	int s = tcp_connect(port);
	pthread_t writer;
	pthread_create(&writer, 0, bulk_writer, &s);
	static uint8_t buf[70000];
	size_t total = 0, bad = 0;
	ssize_t n;
	while ((n = read(s, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			bad += buf[i] != pattern(total + (size_t)i);
		total += (size_t)n;
	}
	pthread_join(writer, 0);
	printf("tcp: bulk %zu bytes echoed, %zu wrong, then EOF (%zd)\n", total, bad, n);
	close(s);

	/* The peer's socket name is ours, and the server's port is the one connected to. */
	s = tcp_connect(port);
	struct sockaddr_in me, peer;
	socklen_t ml = sizeof(me), pl = sizeof(peer);
	getsockname(s, (struct sockaddr *)&me, &ml);
	getpeername(s, (struct sockaddr *)&peer, &pl);
	printf("tcp: names %s, peer port right %d, len %u\n", inet_ntoa(me.sin_addr), ntohs(peer.sin_port) == port,
	       (unsigned)pl);
	write_all(s, "Q", 1);
	shutdown(s, SHUT_WR);
	char c;
	ssize_t first = read(s, &c, 1), second = read(s, &c, 1);
	printf("tcp: quit echoed %zd, then %zd\n", first, second);
	close(s);
	pthread_join(server, 0);
	close(l);
}

static void *udp_server(void *arg)
{
	int u = *(int *)arg;
	for (;;) {
		char buf[2048];
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(u, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
		if (n < 0)
			die("udp recvfrom");
		for (ssize_t i = 0; i < n; i++)
			buf[i] = (char)(buf[i] >= 'a' && buf[i] <= 'z' ? buf[i] - 32 : buf[i]);
		sendto(u, buf, (size_t)n, 0, (struct sockaddr *)&from, fl);
		if (n == 4 && !memcmp(buf, "QUIT", 4))
			return 0;
	}
}

static void udp_tests(void)
{
	int u = socket(AF_INET, SOCK_DGRAM, 0), c = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = loopback(0);
	socklen_t len = sizeof(a);
	if (bind(u, (struct sockaddr *)&a, sizeof(a)) || getsockname(u, (struct sockaddr *)&a, &len))
		die("udp bind");
	pthread_t server;
	pthread_create(&server, 0, udp_server, &u);
	int ok = 0;
	for (int i = 0; i < 20; i++) {
		char msg[64], back[64];
		int n = snprintf(msg, sizeof(msg), "request %d", i);
		sendto(c, msg, (size_t)n, 0, (struct sockaddr *)&a, sizeof(a));
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t got = recvfrom(c, back, sizeof(back), 0, (struct sockaddr *)&from, &fl);
		ok += got == n && !strncmp(back, "REQUEST ", 8) && from.sin_port == a.sin_port;
	}
	printf("udp: %d of 20 replies\n", ok);
	/* Connected: send/recv without addresses; a datagram cut short reports MSG_TRUNC. */
	if (connect(c, (struct sockaddr *)&a, sizeof(a)))
		die("udp connect");
	send(c, "truncate me", 11, 0);
	char small[4];
	struct iovec iov = { small, sizeof(small) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t n = recvmsg(c, &m, 0);
	printf("udp: recvmsg %zd \"%.4s\" trunc %d\n", n, small, !!(m.msg_flags & MSG_TRUNC));
	send(c, "QUIT", 4, 0);
	n = recv(c, small, sizeof(small), MSG_TRUNC);
	printf("udp: quit %zd\n", n);
	pthread_join(server, 0);
	close(u);
	close(c);
}

static void nonblocking_tests(void)
{
	uint16_t port;
	int l = tcp_listener(&port);
	int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	struct sockaddr_in a = loopback(port);
	int r = connect(s, (struct sockaddr *)&a, sizeof(a));
	printf("nonblock: connect %s\n", r == 0 || errno == EINPROGRESS ? "0 or EINPROGRESS" : strerror(errno));
	struct pollfd p = { s, POLLOUT, 0 };
	int err = -1;
	socklen_t el = sizeof(err);
	poll(&p, 1, 5000);
	getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &el);
	printf("nonblock: poll %#x, SO_ERROR %d\n", p.revents, err);
	char c;
	ssize_t got = read(s, &c, 1);
	printf("nonblock: read %zd %s\n", got, strerror(errno));
	int peer = accept4(l, 0, 0, SOCK_NONBLOCK);
	printf("nonblock: accept4 nonblocking %d\n", peer >= 0 && (fcntl(peer, F_GETFL) & O_NONBLOCK) != 0);
	int on = 1;
	ioctl(l, FIONBIO, &on);
	r = accept(l, 0, 0);
	printf("nonblock: second accept %d %s\n", r, strerror(errno));
	int avail = -1;
	write_all(s, "abc", 3);
	nanosleep(&(struct timespec){ 0, 20000000 }, 0);
	ioctl(peer, FIONREAD, &avail);
	printf("nonblock: FIONREAD %d\n", avail);
	close(peer);
	close(s);
	close(l);

	/* To a port nobody listens on: refused, now or later. */
	s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	a = loopback(port);
	r = connect(s, (struct sockaddr *)&a, sizeof(a));
	if (r && errno == EINPROGRESS) {
		p = (struct pollfd){ s, POLLOUT, 0 };
		poll(&p, 1, 5000);
		getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &el);
		printf("nonblock: refused later, poll %#x, SO_ERROR %s\n", p.revents & (POLLOUT | POLLERR), strerror(err));
	} else
		printf("nonblock: refused later, poll 0xc, SO_ERROR %s\n", strerror(errno));
	close(s);
	s = socket(AF_INET, SOCK_STREAM, 0);
	r = connect(s, (struct sockaddr *)&a, sizeof(a));
	printf("block: connect %d %s\n", r, strerror(errno));
	close(s);
}

static void epoll_tests(void)
{
	uint16_t port;
	int l = tcp_listener(&port), ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = l };
	epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev);
	int clients[EPOLL_CLIENTS];
	struct sockaddr_in a = loopback(port);
	for (int i = 0; i < EPOLL_CLIENTS; i++) {
		clients[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		connect(clients[i], (struct sockaddr *)&a, sizeof(a));
		ev = (struct epoll_event){ .events = EPOLLOUT, .data.fd = clients[i] };
		epoll_ctl(ep, EPOLL_CTL_ADD, clients[i], &ev);
	}
	int sent = 0, echoed = 0, answered = 0, closed = 0;
	while (answered < EPOLL_CLIENTS || closed < EPOLL_CLIENTS) {
		struct epoll_event evs[16];
		int n = epoll_wait(ep, evs, 16, 5000);
		if (n <= 0)
			die("epoll_wait");
		for (int i = 0; i < n; i++) {
			int fd = evs[i].data.fd;
			char buf[128];
			int client = -1;
			for (int k = 0; k < EPOLL_CLIENTS; k++)
				if (clients[k] == fd)
					client = k;
			if (fd == l) {
				int c = accept4(l, 0, 0, SOCK_NONBLOCK);
				ev = (struct epoll_event){ .events = EPOLLIN | EPOLLRDHUP, .data.fd = c };
				epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
			} else if (client >= 0 && (evs[i].events & EPOLLOUT)) {
				int len = snprintf(buf, sizeof(buf), "client %d", client);
				write_all(fd, buf, (size_t)len);
				sent++;
				ev = (struct epoll_event){ .events = EPOLLIN, .data.fd = fd };
				epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
			} else if (client >= 0) {
				ssize_t k = read(fd, buf, sizeof(buf));
				answered += k > 0 && !strncmp(buf, "client ", 7);
				epoll_ctl(ep, EPOLL_CTL_DEL, fd, 0);
				close(fd);
				clients[client] = -1; /* its number may come back for an accepted one */
			} else {
				ssize_t k = read(fd, buf, sizeof(buf));
				if (k > 0) {
					write_all(fd, buf, (size_t)k);
					echoed++;
				} else {
					epoll_ctl(ep, EPOLL_CTL_DEL, fd, 0);
					close(fd);
					closed++;
				}
			}
		}
	}
	printf("epoll: %d sent, %d echoed, %d answered, %d closed\n", sent, echoed, answered, closed);
	close(ep);
	close(l);
}

#define TRY(call) do { int r_ = (call); printf("%-44s %d %s\n", #call, r_, errno ? strerror(errno) : ""); errno = 0; } while (0)

static void error_tests(void)
{
	uint16_t port;
	int l = tcp_listener(&port), t = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = loopback(port), far = loopback(0), any = { .sin_family = AF_UNSPEC };
	far.sin_addr.s_addr = htonl(0x0a010203);
	int v = 1, big = 0;
	socklen_t vl = sizeof(v);
	char c;
	errno = 0;
	TRY(socket(1000, SOCK_STREAM, 0));
	TRY(socket(AF_INET, 99, 0));
	TRY(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP));
	TRY(socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP));
	TRY(socket(AF_INET, SOCK_SEQPACKET, 0));
	TRY(bind(t, (struct sockaddr *)&a, sizeof(a)));
	TRY(bind(t, (struct sockaddr *)&far, sizeof(far)));
	TRY(bind(t, (struct sockaddr *)&a, 8));
	TRY(bind(t, (struct sockaddr *)&any, sizeof(any)));
	TRY(bind(t, (struct sockaddr *)&any, sizeof(any)));
	TRY(listen(u, 5));
	TRY(accept(t, 0, 0));
	TRY(getpeername(t, (struct sockaddr *)&a, &vl));
	TRY((int)recv(t, &c, 1, 0));
	TRY((int)send(t, &c, 1, MSG_NOSIGNAL));
	TRY((int)sendto(u, &c, 1, 0, 0, 0));
	TRY(getsockopt(t, SOL_SOCKET, 12345, &v, &vl));
	TRY(setsockopt(t, SOL_SOCKET, SO_REUSEADDR, &v, 2));
	TRY(getsockopt(t, SOL_SOCKET, SO_TYPE, &v, &vl) || v != SOCK_STREAM);
	TRY(getsockopt(l, SOL_SOCKET, SO_ACCEPTCONN, &v, &vl) || v != 1);
	TRY(setsockopt(t, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big)));
	TRY(shutdown(t, 7));
	TRY(shutdown(u, SHUT_RDWR));
	TRY(bind(0, (struct sockaddr *)&a, sizeof(a)));
	TRY(listen(999, 1));
	TRY(connect(u, (struct sockaddr *)&far, 2));
	close(l);
	close(t);
	close(u);
}

int main(void)
{
	setvbuf(stdout, 0, _IONBF, 0);
	signal(SIGPIPE, SIG_IGN);
	tcp_tests();
	udp_tests();
	nonblocking_tests();
	epoll_tests();
	error_tests();
	return 0;
}
