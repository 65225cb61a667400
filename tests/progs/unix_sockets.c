/*
 * AF_UNIX sockets and the batch calls, with Linux's answers: socketpair of
 * each type, named sockets (abstract and path) with bind/listen/accept/connect,
 * message boundaries, MSG_PEEK/DONTWAIT/TRUNC, shutdown and close (EOF, EPIPE,
 * SIGPIPE), options, poll/epoll, threads, SCM_RIGHTS, sendmmsg/recvmmsg and
 * FIONREAD on UDP and TCP loopback sockets too. Errors print as errno names.
 * One program over 600 lines on purpose: a single native run is what every
 * case is compared with, and the cases share their sockets and threads.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define BULK (4 << 20)

static volatile sig_atomic_t sigpipes;

static const char *ename(int e)
{
	static const struct {
		int e;
		const char *name;
	} names[] = {
		{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EINTR, "EINTR" }, { EBADF, "EBADF" },
		{ EAGAIN, "EAGAIN" }, { EFAULT, "EFAULT" }, { EINVAL, "EINVAL" }, { EPIPE, "EPIPE" },
		{ ENOTSOCK, "ENOTSOCK" }, { EDESTADDRREQ, "EDESTADDRREQ" }, { EMSGSIZE, "EMSGSIZE" },
		{ EPROTOTYPE, "EPROTOTYPE" }, { ENOPROTOOPT, "ENOPROTOOPT" }, { EPROTONOSUPPORT, "EPROTONOSUPPORT" },
		{ ESOCKTNOSUPPORT, "ESOCKTNOSUPPORT" }, { EOPNOTSUPP, "EOPNOTSUPP" }, { EAFNOSUPPORT, "EAFNOSUPPORT" },
		{ EADDRINUSE, "EADDRINUSE" }, { EADDRNOTAVAIL, "EADDRNOTAVAIL" }, { ECONNRESET, "ECONNRESET" },
		{ EISCONN, "EISCONN" }, { ENOTCONN, "ENOTCONN" }, { ECONNREFUSED, "ECONNREFUSED" },
		{ ENAMETOOLONG, "ENAMETOOLONG" }, { ENOTTY, "ENOTTY" }, { ENOBUFS, "ENOBUFS" },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == e)
			return names[i].name;
	return "E?";
}

/* A call's result: the number, or the errno's name. */
static void show(const char *what, long r)
{
	if (r < 0)
		printf("%s: %s\n", what, ename(errno));
	else
		printf("%s: %ld\n", what, r);
}

static void die(const char *what)
{
	printf("FAIL %s: %s\n", what, ename(errno));
	exit(1);
}

static void pair(int type, int sv[2])
{
	if (socketpair(AF_UNIX, type, 0, sv))
		die("socketpair");
}

/* An abstract name: name and the process id, so that runs at the same time do not meet. */
static socklen_t abstract_addr(struct sockaddr_un *a, const char *name)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	int n = snprintf(a->sun_path + 1, sizeof(a->sun_path) - 1, "%s-%08x", name, (unsigned)getpid());
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)n);
}

/* A name's length and text as getsockname/recvfrom give it ("@" for an abstract name's NUL). */
static void show_name(const char *what, const struct sockaddr_un *a, socklen_t len)
{
	int n = (int)len - (int)offsetof(struct sockaddr_un, sun_path);
	printf("%s: len %d family %d \"", what, (int)len, len >= sizeof(sa_family_t) ? a->sun_family : -1);
	for (int i = 0; i < n - 9; i++)
		putchar(a->sun_path[i] ? a->sun_path[i] : '@');
	if (n > 9)
		printf("-PID");
	printf("\"\n");
}

static unsigned revents(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };
	if (poll(&p, 1, 0) < 0)
		die("poll");
	return (unsigned)p.revents;
}

static void show_poll(const char *what, int fd)
{
	unsigned r = revents(fd, POLLIN | POLLOUT | POLLRDHUP);
	printf("%s:%s%s%s%s%s\n", what, r & POLLIN ? " IN" : "", r & POLLOUT ? " OUT" : "", r & POLLRDHUP ? " RDHUP" : "",
	       r & POLLHUP ? " HUP" : "", r & POLLERR ? " ERR" : "");
}

static int inq(int fd)
{
	int n = -1;
	return ioctl(fd, FIONREAD, &n) ? -errno : n;
}

static long rd(int fd, char *buf, size_t len, int flags)
{
	long r = recv(fd, buf, len, flags);
	if (r >= 0)
		buf[r] = 0;
	return r;
}

static void stream_pair(void)
{
	int sv[2];
	char buf[64];
	pair(SOCK_STREAM, sv);
	show_poll("stream fresh", sv[0]);
	show("write", write(sv[0], "hello", 5));
	show("write", write(sv[0], " world", 6));
	printf("FIONREAD %d\n", inq(sv[1]));
	show_poll("stream readable", sv[1]);
	show("peek", rd(sv[1], buf, 3, MSG_PEEK));
	printf("  \"%s\"\n", buf);
	show("read", rd(sv[1], buf, sizeof(buf) - 1, 0));
	printf("  \"%s\"\n", buf);
	show("recv dontwait", recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT));
	show("send to other way", send(sv[1], "back", 4, 0));
	show("read", rd(sv[0], buf, sizeof(buf) - 1, 0));
	show("shutdown WR", shutdown(sv[0], SHUT_WR));
	show_poll("after peer SHUT_WR", sv[1]);
	show("read eof", read(sv[1], buf, sizeof(buf)));
	show("write after SHUT_WR", write(sv[0], "x", 1));
	printf("sigpipes %d\n", (int)sigpipes);
	show("send nosignal", send(sv[0], "x", 1, MSG_NOSIGNAL));
	printf("sigpipes %d\n", (int)sigpipes);
	show("shutdown bad", shutdown(sv[0], 7));
	/* Unread data when closing: the peer reads it, then ECONNRESET, then EOF. */
	show("write", write(sv[1], "unread", 6));
	show("close", close(sv[0]));
	show_poll("after peer close", sv[1]);
	show("write to closed", write(sv[1], "x", 1));
	printf("sigpipes %d\n", (int)sigpipes);
	show("read after close", read(sv[1], buf, sizeof(buf)));
	close(sv[1]);

	pair(SOCK_STREAM, sv);
	show("write", write(sv[0], "abc", 3));
	show("close", close(sv[1]));
	show_poll("writer after reader closed", sv[0]);
	show("read", read(sv[0], buf, sizeof(buf)));
	show("read", read(sv[0], buf, sizeof(buf)));
	close(sv[0]);
}

static void message_pair(int type, const char *name)
{
	int sv[2];
	char buf[64];
	struct iovec iov = { buf, 4 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	printf("-- %s pair\n", name);
	pair(type, sv);
	show("send", send(sv[0], "first message", 13, 0));
	show("send", send(sv[0], "second", 6, 0));
	show("send empty", send(sv[0], "", 0, 0));
	printf("FIONREAD %d\n", inq(sv[1]));
	show("peek", rd(sv[1], buf, sizeof(buf) - 1, MSG_PEEK));
	show("recvmsg 4", recvmsg(sv[1], &m, 0));
	printf("  flags%s%s\n", m.msg_flags & MSG_TRUNC ? " TRUNC" : "", m.msg_flags & MSG_CTRUNC ? " CTRUNC" : "");
	show("recv MSG_TRUNC 2", recv(sv[1], buf, 2, MSG_TRUNC));
	show("recv empty", recv(sv[1], buf, sizeof(buf), 0));
	show("recv dontwait", recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT));
	show("sendto with address", sendto(sv[0], "x", 1, 0, (struct sockaddr *)&(struct sockaddr_un){ AF_UNIX, "" }, 3));
	recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT);
	show("shutdown WR", shutdown(sv[0], SHUT_WR));
	show("send after SHUT_WR", send(sv[0], "x", 1, MSG_NOSIGNAL));
	show("recv eof", recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT));
	show("send back", send(sv[1], "y", 1, 0));
	show("close", close(sv[1]));
	show_poll("after peer close", sv[0]);
	show("recv after close", rd(sv[0], buf, sizeof(buf) - 1, MSG_DONTWAIT));
	show("recv after close", recv(sv[0], buf, sizeof(buf), MSG_DONTWAIT));
	show("send after close", send(sv[0], "x", 1, MSG_NOSIGNAL));
	printf("sigpipes %d\n", (int)sigpipes);
	close(sv[0]);
}

static void creation(void)
{
	int sv[2] = { -1, -1 };
	printf("-- creation\n");
	show("socketpair AF_INET", socketpair(AF_INET, SOCK_STREAM, 0, sv));
	show("socketpair family 99", socketpair(99, SOCK_STREAM, 0, sv));
	show("socketpair type 99", socketpair(AF_UNIX, 99, 0, sv));
	show("socketpair SOCK_RDM", socketpair(AF_UNIX, SOCK_RDM, 0, sv));
	show("socketpair protocol 7", socketpair(AF_UNIX, SOCK_STREAM, 7, sv));
	show("socketpair bad flag", socketpair(AF_UNIX, SOCK_STREAM | 0x10000, 0, sv));
	show("socketpair protocol 1", socketpair(AF_UNIX, SOCK_STREAM, 1, sv));
	close(sv[0]);
	close(sv[1]);
	show("socketpair flags", socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv));
	printf("  nonblock %d cloexec %d\n", !!(fcntl(sv[0], F_GETFL) & O_NONBLOCK), !!(fcntl(sv[1], F_GETFD) & FD_CLOEXEC));
	int type = 0;
	socklen_t len = sizeof(type);
	show("SO_TYPE", getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &len));
	printf("  type %d\n", type);
	close(sv[0]);
	close(sv[1]);
	int s = socket(AF_UNIX, SOCK_RAW, 0);
	len = sizeof(type);
	getsockopt(s, SOL_SOCKET, SO_TYPE, &type, &len);
	printf("socket SOCK_RAW: type %d\n", type);
	close(s);
	show("socket SOCK_RDM", socket(AF_UNIX, SOCK_RDM, 0));
	show("socket protocol 2", socket(AF_UNIX, SOCK_DGRAM, 2));
}

static void options(int fd, int peer)
{
	int v = -1;
	socklen_t len = sizeof(v);
	struct ucred cred;
	show("SO_ERROR", getsockopt(fd, SOL_SOCKET, SO_ERROR, &v, &len));
	printf("  %d\n", v);
	len = sizeof(v);
	show("SO_SNDBUF", getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, &len));
	printf("  %d\n", v);
	len = sizeof(v);
	show("SO_RCVBUF", getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, &len));
	printf("  %d\n", v);
	v = 10000;
	show("set SO_SNDBUF", setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)));
	len = sizeof(v);
	getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, &len);
	printf("  %d\n", v);
	len = sizeof(cred);
	show("SO_PEERCRED", getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len));
	printf("  len %d pid %s uid %s gid %s\n", (int)len, peer && cred.pid == getpid() ? "ours" : "none",
	       cred.uid == getuid() ? "ours" : "other", cred.gid == getgid() ? "ours" : "other");
	len = sizeof(v);
	show("SO_ACCEPTCONN", getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &v, &len));
	printf("  %d\n", v);
	len = sizeof(v);
	show("SO_DOMAIN", getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &v, &len));
	printf("  %d\n", v);
	len = sizeof(v);
	show("SO_PROTOCOL", getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &v, &len));
	printf("  %d\n", v);
	show("TCP level", getsockopt(fd, IPPROTO_TCP, 1, &v, &len));
}

static int connector_type;

static void *connector(void *arg)
{
	struct sockaddr_un a;
	socklen_t len = abstract_addr(&a, (const char *)arg);
	int c = socket(AF_UNIX, connector_type, 0);
	usleep(20000);
	if (c < 0 || connect(c, (struct sockaddr *)&a, len))
		die("thread connect");
	if (write(c, "from thread", 11) != 11)
		die("thread write");
	close(c);
	return 0;
}

static void named_stream(int type, const char *kind)
{
	struct sockaddr_un a, got;
	socklen_t len = abstract_addr(&a, "cocoon-unix-test"), glen;
	char buf[64];
	printf("-- named %s\n", kind);
	int l = socket(AF_UNIX, type, 0), l2 = socket(AF_UNIX, type, 0);
	show("connect missing", connect(l2, (struct sockaddr *)&a, len));
	show("accept unbound", accept(l, 0, 0));
	show("listen unbound", listen(l2, 1));
	close(l2);
	l2 = socket(AF_UNIX, type, 0);
	show("bind", bind(l, (struct sockaddr *)&a, len));
	show("bind again", bind(l, (struct sockaddr *)&a, len));
	show("bind same name", bind(l2, (struct sockaddr *)&a, len));
	show("connect not listening", connect(l2, (struct sockaddr *)&a, len));
	show("listen", listen(l, 4));
	show_poll("listener", l);
	fcntl(l, F_SETFL, O_NONBLOCK);
	show("accept nonblock", accept(l, 0, 0));
	fcntl(l, F_SETFL, 0);
	int c = socket(AF_UNIX, type, 0);
	show("send unconnected", send(c, "x", 1, MSG_NOSIGNAL));
	show("recv unconnected", recv(c, buf, 1, MSG_DONTWAIT));
	glen = sizeof(got);
	show("getpeername unconnected", getpeername(c, (struct sockaddr *)&got, &glen));
	show("connect", connect(c, (struct sockaddr *)&a, len));
	show("connect again", connect(c, (struct sockaddr *)&a, len));
	show_poll("listener pending", l);
	show("write before accept", write(c, "early", 5));
	glen = sizeof(got);
	memset(&got, 0x55, sizeof(got));
	int s = accept(l, (struct sockaddr *)&got, &glen);
	show("accept", s >= 0);
	show_name("  peer", &got, glen);
	show("read", rd(s, buf, sizeof(buf) - 1, 0));
	printf("  \"%s\"\n", buf);
	glen = sizeof(got);
	getsockname(s, (struct sockaddr *)&got, &glen);
	show_name("accepted getsockname", &got, glen);
	glen = sizeof(got);
	getpeername(c, (struct sockaddr *)&got, &glen);
	show_name("client getpeername", &got, glen);
	glen = sizeof(got);
	getsockname(c, (struct sockaddr *)&got, &glen);
	show_name("client getsockname", &got, glen);
	glen = 5;
	getsockname(l, (struct sockaddr *)&got, &glen);
	printf("short getsockname: len %d\n", (int)glen);
	options(s, 1);
	options(l, 0);
	show("sendto on connected", sendto(c, "x", 1, 0, (struct sockaddr *)&a, len));
	show("listen on connected", listen(c, 1));
	close(s);
	close(c);
	/* A blocking accept woken by a thread that connects. */
	pthread_t t;
	connector_type = type;
	pthread_create(&t, 0, connector, "cocoon-unix-test");
	s = accept(l, 0, 0);
	show("accept from thread", s >= 0);
	show("read", rd(s, buf, sizeof(buf) - 1, MSG_WAITALL));
	printf("  \"%s\"\n", buf);
	pthread_join(t, 0);
	close(s);
	close(l);
	close(l2);
	c = socket(AF_UNIX, type, 0);
	show("connect after close", connect(c, (struct sockaddr *)&a, len));
	close(c);
}

static void path_names(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX }, got;
	socklen_t glen = sizeof(got);
	char buf[32];
	printf("-- path names\n");
	snprintf(a.sun_path, sizeof(a.sun_path), "/tmp/cocoon-unix-%d.sock", (int)getpid());
	unlink(a.sun_path);
	int l = socket(AF_UNIX, SOCK_STREAM, 0), c = socket(AF_UNIX, SOCK_STREAM, 0);
	show("bind path", bind(l, (struct sockaddr *)&a, sizeof(a)));
	getsockname(l, (struct sockaddr *)&got, &glen);
	printf("getsockname: path and NUL %d\n", glen == offsetof(struct sockaddr_un, sun_path) + strlen(a.sun_path) + 1);
	show("listen", listen(l, 1));
	show("connect", connect(c, (struct sockaddr *)&a, sizeof(a)));
	int s = accept(l, 0, 0);
	show("send", send(c, "via path", 8, 0));
	show("recv", rd(s, buf, sizeof(buf) - 1, 0));
	printf("  \"%s\"\n", buf);
	glen = sizeof(got);
	getpeername(c, (struct sockaddr *)&got, &glen);
	printf("getpeername: same %d\n", !strcmp(got.sun_path, a.sun_path));
	close(s);
	close(c);
	/* The name is a socket node in the file system, which outlives the socket until unlinked. */
	struct stat st;
	mode_t mask = umask(0);
	umask(mask);
	int node = stat(a.sun_path, &st) == 0 && S_ISSOCK(st.st_mode);
	printf("a socket node %d, its mode by the umask %d\n", node, (st.st_mode & 0777) == (0777 & ~mask));
	int other = socket(AF_UNIX, SOCK_STREAM, 0);
	show("bind of the name again", bind(other, (struct sockaddr *)&a, sizeof(a)));
	close(l);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	show("connect after the listener closed", connect(c, (struct sockaddr *)&a, sizeof(a)));
	printf("the node stays: %d\n", stat(a.sun_path, &st) == 0 && S_ISSOCK(st.st_mode));
	show("bind of it still", bind(other, (struct sockaddr *)&a, sizeof(a)));
	unlink(a.sun_path);
	show("connect after unlink", connect(c, (struct sockaddr *)&a, sizeof(a)));
	l = socket(AF_UNIX, SOCK_STREAM, 0);
	show("bind after unlink", bind(l, (struct sockaddr *)&a, sizeof(a)));
	listen(l, 1);
	unlink(a.sun_path);
	show("connect to a listener whose name was unlinked", connect(c, (struct sockaddr *)&a, sizeof(a)));
	show("bind of the name by another", bind(other, (struct sockaddr *)&a, sizeof(a)));
	show("connect to it", connect(c, (struct sockaddr *)&a, sizeof(a)));
	close(l);
	close(other);
	close(c);
	unlink(a.sun_path);
	int file = open(a.sun_path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	show("connect to a regular file", connect(c, (struct sockaddr *)&a, sizeof(a)));
	close(file);
	close(c);
	unlink(a.sun_path);
	snprintf(a.sun_path, sizeof(a.sun_path), "/tmp/cocoon-unix-missing-%d.sock", (int)getpid());
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	show("connect missing path", connect(c, (struct sockaddr *)&a, sizeof(a)));
	show("bind bad family", bind(c, (struct sockaddr *)&(struct sockaddr_in){ .sin_family = AF_INET }, sizeof(a)));
	show("bind too long", bind(c, (struct sockaddr *)&a, sizeof(a) + 1));
	show("bind autobind", bind(c, (struct sockaddr *)&a, sizeof(sa_family_t)));
	glen = sizeof(got);
	getsockname(c, (struct sockaddr *)&got, &glen);
	printf("autobind name: len %d first %d\n", (int)glen, got.sun_path[0]);
	close(c);
}

static void named_dgram(void)
{
	struct sockaddr_un a, b, got;
	socklen_t alen = abstract_addr(&a, "cocoon-dgram-srv"), blen = abstract_addr(&b, "cocoon-dgram-cli"), glen;
	char buf[64];
	printf("-- named dgram\n");
	int srv = socket(AF_UNIX, SOCK_DGRAM, 0), cli = socket(AF_UNIX, SOCK_DGRAM, 0), other = socket(AF_UNIX, SOCK_DGRAM, 0);
	show("listen dgram", listen(srv, 1));
	show("accept dgram", accept(srv, 0, 0));
	show("sendto missing", sendto(cli, "x", 1, 0, (struct sockaddr *)&a, alen));
	show("send unconnected", send(cli, "x", 1, 0));
	show("bind", bind(srv, (struct sockaddr *)&a, alen));
	show("sendto unnamed", sendto(cli, "anon", 4, 0, (struct sockaddr *)&a, alen));
	glen = sizeof(got);
	show("recvfrom", rd(srv, buf, sizeof(buf) - 1, 0) >= 0 ? recvfrom(srv, buf, 0, MSG_DONTWAIT, 0, 0) : -1);
	show("sendto unnamed", sendto(cli, "anon2", 5, 0, (struct sockaddr *)&a, alen));
	show("recvfrom", recvfrom(srv, buf, sizeof(buf), 0, (struct sockaddr *)&got, &glen));
	show_name("  from", &got, glen);
	show("bind client", bind(cli, (struct sockaddr *)&b, blen));
	show("sendto named", sendto(cli, "named", 5, 0, (struct sockaddr *)&a, alen));
	glen = sizeof(got);
	show("recvfrom", recvfrom(srv, buf, sizeof(buf), 0, (struct sockaddr *)&got, &glen));
	show_name("  from", &got, glen);
	show("reply", sendto(srv, "reply", 5, 0, (struct sockaddr *)&got, glen));
	show("recv reply", rd(cli, buf, sizeof(buf) - 1, 0));
	printf("  \"%s\"\n", buf);
	show("connect", connect(cli, (struct sockaddr *)&a, alen));
	show("send connected", send(cli, "conn", 4, 0));
	show("recv", recv(srv, buf, sizeof(buf), 0));
	glen = sizeof(got);
	show("getpeername", getpeername(cli, (struct sockaddr *)&got, &glen));
	show_name("  peer", &got, glen);
	show("connect srv to cli", connect(srv, (struct sockaddr *)&b, blen));
	show("other sends to srv", sendto(other, "x", 1, 0, (struct sockaddr *)&a, alen));
	show("too big", send(cli, buf, 300000, 0));
	show("disconnect", connect(cli, (struct sockaddr *)&(struct sockaddr){ .sa_family = AF_UNSPEC }, sizeof(struct sockaddr)));
	show("send disconnected", send(cli, "x", 1, 0));
	show("connect again", connect(cli, (struct sockaddr *)&a, alen));
	close(srv);
	show("send to closed", send(cli, "x", 1, 0));
	show("send again", send(cli, "x", 1, 0));
	close(cli);
	close(other);
}

static void fill_and_drain(void)
{
	int sv[2];
	static char buf[65536];
	long total = 0, r;
	printf("-- fill\n");
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv))
		die("socketpair");
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (char)i;
	while ((r = write(sv[0], buf, 1000)) > 0)
		total += r;
	show("write when full", r);
	printf("filled: %s\n", total > 10000 ? "yes" : "no");
	show_poll("full writer", sv[0]);
	long got = 0;
	while ((r = read(sv[1], buf, sizeof(buf))) > 0)
		got += r;
	show("read when empty", r);
	printf("drained all: %d\n", got == total);
	show_poll("drained writer", sv[0]);
	close(sv[0]);
	close(sv[1]);
}

static void *bulk_writer(void *arg)
{
	int fd = *(int *)arg;
	static char buf[50000];
	long sent = 0;
	while (sent < BULK) {
		size_t n = BULK - sent < (long)sizeof(buf) ? (size_t)(BULK - sent) : sizeof(buf);
		for (size_t i = 0; i < n; i++)
			buf[i] = (char)((sent + (long)i) * 7 + 1);
		long r = write(fd, buf, n);
		if (r <= 0)
			die("bulk write");
		sent += r;
	}
	shutdown(fd, SHUT_WR);
	return 0;
}

static void bulk(void)
{
	int sv[2];
	static char buf[70000];
	pthread_t t;
	long got = 0, r, bad = 0;
	pair(SOCK_STREAM, sv);
	pthread_create(&t, 0, bulk_writer, &sv[0]);
	while ((r = read(sv[1], buf, sizeof(buf))) > 0) {
		for (long i = 0; i < r; i++)
			bad += buf[i] != (char)((got + i) * 7 + 1);
		got += r;
	}
	pthread_join(t, 0);
	printf("bulk: %ld bytes, %ld wrong, end %ld\n", got, bad, r);
	close(sv[0]);
	close(sv[1]);
}

static void events(void)
{
	int sv[2], ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP, .data.fd = 0 }, out[4];
	char c;
	printf("-- epoll\n");
	pair(SOCK_SEQPACKET, sv);
	epoll_ctl(ep, EPOLL_CTL_ADD, sv[1], &ev);
	show("epoll empty", epoll_wait(ep, out, 4, 0));
	send(sv[0], "z", 1, 0);
	show("epoll data", epoll_wait(ep, out, 4, 100));
	printf("  events %#x\n", out[0].events);
	recv(sv[1], &c, 1, 0);
	close(sv[0]);
	show("epoll closed", epoll_wait(ep, out, 4, 100));
	printf("  events %#x\n", out[0].events);
	close(sv[1]);
	close(ep);
}

static void rights(void)
{
	int sv[2], p[2];
	char buf[16], cbuf[CMSG_SPACE(2 * sizeof(int))];
	struct iovec iov = { buf, 3 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = CMSG_SPACE(2 * sizeof(int)) };
	printf("-- SCM_RIGHTS\n");
	pair(SOCK_STREAM, sv);
	if (pipe(p))
		die("pipe");
	memcpy(buf, "fds", 3);
	struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(2 * sizeof(int));
	memcpy(CMSG_DATA(cm), p, 2 * sizeof(int));
	show("sendmsg fds", sendmsg(sv[0], &m, 0));
	close(p[0]);
	close(p[1]);
	memset(cbuf, 0, sizeof(cbuf));
	m.msg_controllen = sizeof(cbuf);
	show("recvmsg", recvmsg(sv[1], &m, MSG_CMSG_CLOEXEC));
	cm = CMSG_FIRSTHDR(&m);
	printf("  controllen %d level %d type %d len %d\n", (int)m.msg_controllen, cm ? cm->cmsg_level : -1,
	       cm ? cm->cmsg_type : -1, cm ? (int)cm->cmsg_len : -1);
	int got[2];
	memcpy(got, CMSG_DATA(cm), sizeof(got));
	printf("  cloexec %d\n", !!(fcntl(got[0], F_GETFD) & FD_CLOEXEC));
	show("write through passed pipe", write(got[1], "piped", 5));
	show("read through passed pipe", rd(got[0], buf, sizeof(buf) - 1, 0) < 0 ? read(got[0], buf, 5) : -1);
	buf[5] = 0;
	printf("  \"%s\"\n", buf);
	close(got[0]);
	close(got[1]);
	/* Too small a control buffer: MSG_CTRUNC, the extra descriptors closed. */
	if (pipe(p))
		die("pipe");
	m.msg_controllen = CMSG_SPACE(2 * sizeof(int));
	cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(2 * sizeof(int));
	memcpy(CMSG_DATA(cm), p, 2 * sizeof(int));
	show("sendmsg fds", sendmsg(sv[0], &m, 0));
	close(p[0]);
	m.msg_controllen = CMSG_LEN(sizeof(int));
	show("recvmsg small", recvmsg(sv[1], &m, 0));
	printf("  flags%s controllen %d\n", m.msg_flags & MSG_CTRUNC ? " CTRUNC" : "", (int)m.msg_controllen);
	memcpy(got, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof(int));
	close(p[1]);
	show("read passed end", read(got[0], buf, sizeof(buf)));
	close(got[0]);
	m.msg_controllen = sizeof(cbuf);
	cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_level = SOL_SOCKET;
	memcpy(CMSG_DATA(cm), &(int){ 999 }, sizeof(int));
	show("sendmsg bad fd", sendmsg(sv[0], &m, 0));
	cm->cmsg_type = 77;
	show("sendmsg bad type", sendmsg(sv[0], &m, 0));
	close(sv[0]);
	close(sv[1]);
}

static void batches(int tx, int rx, const char *what)
{
	char bufs[8][32];
	struct iovec iov[8];
	struct mmsghdr mm[8];
	printf("-- mmsg %s\n", what);
	memset(mm, 0, sizeof(mm));
	for (int i = 0; i < 8; i++) {
		snprintf(bufs[i], sizeof(bufs[i]), "message %d%.*s", i, i, "abcdefgh");
		iov[i] = (struct iovec){ bufs[i], strlen(bufs[i]) };
		mm[i].msg_hdr.msg_iov = &iov[i];
		mm[i].msg_hdr.msg_iovlen = 1;
	}
	show("sendmmsg 5", sendmmsg(tx, mm, 5, 0));
	for (int i = 0; i < 5; i++)
		printf("  msg_len %u\n", mm[i].msg_len);
	printf("FIONREAD %d\n", inq(rx));
	memset(bufs, 0, sizeof(bufs));
	for (int i = 0; i < 8; i++) {
		iov[i] = (struct iovec){ bufs[i], i == 3 ? 4 : sizeof(bufs[i]) - 1 };
		mm[i].msg_len = 0;
	}
	show("recvmmsg 8 dontwait", recvmmsg(rx, mm, 8, MSG_DONTWAIT, 0));
	for (int i = 0; i < 5; i++)
		printf("  %u \"%s\"%s\n", mm[i].msg_len, bufs[i], mm[i].msg_hdr.msg_flags & MSG_TRUNC ? " TRUNC" : "");
	show("recvmmsg empty", recvmmsg(rx, mm, 8, MSG_DONTWAIT, 0));
	sendmmsg(tx, mm, 2, 0);
	show("recvmmsg waitforone", recvmmsg(rx, mm, 8, MSG_WAITFORONE, 0));
	sendmmsg(tx, mm, 3, 0);
	struct timespec ts = { 0, 1000000 };
	show("recvmmsg timeout", recvmmsg(rx, mm, 2, 0, &ts));
	show("recvmmsg rest", recvmmsg(rx, mm, 8, MSG_DONTWAIT, 0));
	show("sendmmsg 0", sendmmsg(tx, mm, 0, 0));
	show("recvmmsg bad timeout", recvmmsg(rx, mm, 8, 0, &(struct timespec){ 0, 2000000000 }));
	show("sendmmsg bad fd", sendmmsg(99, mm, 1, 0));
	show("recvmmsg not socket", recvmmsg(0, mm, 1, MSG_DONTWAIT, 0));
}

static void inet(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int rx = socket(AF_INET, SOCK_DGRAM, 0), tx = socket(AF_INET, SOCK_DGRAM, 0);
	if (bind(rx, (struct sockaddr *)&a, sizeof(a)) || getsockname(rx, (struct sockaddr *)&a, &len) ||
	    connect(tx, (struct sockaddr *)&a, sizeof(a)))
		die("udp");
	batches(tx, rx, "udp");
	close(rx);
	close(tx);

	int l = socket(AF_INET, SOCK_STREAM, 0);
	a.sin_port = 0;
	len = sizeof(a);
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1) || getsockname(l, (struct sockaddr *)&a, &len))
		die("tcp");
	printf("-- tcp FIONREAD\n");
	printf("listener FIONREAD %d\n", inq(l));
	int c = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(c, (struct sockaddr *)&a, sizeof(a)))
		die("tcp connect");
	int s = accept(l, 0, 0);
	char buf[16];
	show("send", send(c, "0123456789", 10, 0));
	struct pollfd p = { .fd = s, .events = POLLIN };
	poll(&p, 1, 1000);
	printf("FIONREAD %d\n", inq(s));
	recv(s, buf, 4, 0);
	printf("FIONREAD %d\n", inq(s));
	close(c);
	close(s);
	close(l);
}

static void on_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

int main(void)
{
	int sv[2];
	setvbuf(stdout, 0, _IONBF, 0);
	signal(SIGPIPE, on_sigpipe);
	creation();
	stream_pair();
	message_pair(SOCK_DGRAM, "dgram");
	message_pair(SOCK_SEQPACKET, "seqpacket");
	named_stream(SOCK_STREAM, "stream");
	named_stream(SOCK_SEQPACKET, "seqpacket");
	path_names();
	named_dgram();
	fill_and_drain();
	bulk();
	events();
	rights();
	pair(SOCK_DGRAM, sv);
	batches(sv[0], sv[1], "unix dgram");
	close(sv[0]);
	close(sv[1]);
	printf("unix listener FIONREAD: ");
	int l = socket(AF_UNIX, SOCK_STREAM, 0);
	listen(l, 1);
	printf("%d\n", inq(l));
	close(l);
	inet();
	return 0;
}
