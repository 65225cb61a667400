/*
 * Socket options on TCP, UDP and AF_UNIX sockets: each set, read back and
 * misused (bad values, sizes, levels) as servers do, printing results and
 * errno names for comparison with Linux. Only what does not depend on timing
 * or the host's settings is printed (TCP_INFO's state, not its round trips).
 */
#include "net_util.h"
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/un.h>

#ifndef TCP_CA_NAME_MAX
#define TCP_CA_NAME_MAX 16
#endif
#define INFO_LEN 104 /* struct tcp_info up to tcpi_total_retrans: in every libc's and Linux's since 2.6 */

static const char *ename(int e)
{
	switch (e) {
	case EINVAL: return "EINVAL";
	case ENOPROTOOPT: return "ENOPROTOOPT";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case EFAULT: return "EFAULT";
	case ENOENT: return "ENOENT";
	case ENODEV: return "ENODEV";
	case EPERM: return "EPERM";
	case EDOM: return "EDOM";
	case ENOTCONN: return "ENOTCONN";
	default: return strerror(e);
	}
}

struct opt {
	const char *name;
	int level, opt;
	int vals[6];
	int n;
};

#define OPT(level, name, ...)                                                            \
	{ #name, level, name, { __VA_ARGS__ }, sizeof((int[]){ __VA_ARGS__ }) / sizeof(int) }

static void get_int(int fd, const char *what, int level, int name)
{
	int v = 0x5a5a5a5a;
	socklen_t len = sizeof(v);
	if (getsockopt(fd, level, name, &v, &len))
		printf("  get %s: %s\n", what, ename(errno));
	else
		printf("  get %s: %d (len %u)\n", what, v, (unsigned)len);
}

static void set_int(int fd, const char *what, int level, int name, int v)
{
	int r = setsockopt(fd, level, name, &v, sizeof(v));
	printf("  set %s=%d: %s\n", what, v, r ? ename(errno) : "ok");
}

/* Each option: its default, then each value set and read back. */
static void table(int fd, const struct opt *t, int n)
{
	for (int i = 0; i < n; i++) {
		get_int(fd, t[i].name, t[i].level, t[i].opt);
		for (int j = 0; j < t[i].n; j++) {
			set_int(fd, t[i].name, t[i].level, t[i].opt, t[i].vals[j]);
			get_int(fd, t[i].name, t[i].level, t[i].opt);
		}
	}
}

static const struct opt sol_socket[] = {
	OPT(SOL_SOCKET, SO_REUSEADDR, 5, 0),
	OPT(SOL_SOCKET, SO_KEEPALIVE, 5, 0),
	OPT(SOL_SOCKET, SO_BROADCAST, 3, 0),
	OPT(SOL_SOCKET, SO_OOBINLINE, 7, 0),
	OPT(SOL_SOCKET, SO_TIMESTAMP, 1, 0),
	OPT(SOL_SOCKET, SO_DONTROUTE, 1, 0),
	OPT(SOL_SOCKET, SO_PRIORITY, 6, 0),
	OPT(SOL_SOCKET, SO_RCVLOWAT, 100, 0, 1),
	OPT(SOL_SOCKET, SO_SNDLOWAT, 100),
	OPT(SOL_SOCKET, SO_RCVBUF, 4096),
	OPT(SOL_SOCKET, SO_SNDBUF, 8192),
	OPT(SOL_SOCKET, 999, 1),
};

static const struct opt tcp_level[] = {
	OPT(IPPROTO_TCP, TCP_NODELAY, 5, 0),
	OPT(IPPROTO_TCP, TCP_MAXSEG, 50, 40000, 1000, 0),
	OPT(IPPROTO_TCP, TCP_CORK, 3, 0),
	OPT(IPPROTO_TCP, TCP_KEEPIDLE, 0, -1, 32768, 1, 32767, 60),
	OPT(IPPROTO_TCP, TCP_KEEPINTVL, 0, 32768, 10),
	OPT(IPPROTO_TCP, TCP_KEEPCNT, 0, 128, 127, 5),
	OPT(IPPROTO_TCP, TCP_SYNCNT, 0, 128, 3),
	OPT(IPPROTO_TCP, TCP_DEFER_ACCEPT, 5, 30, 1, -1, 0),
	OPT(IPPROTO_TCP, TCP_FASTOPEN, 5, -1, 0),
	OPT(IPPROTO_TCP, TCP_QUICKACK, 0, 1),
	OPT(IPPROTO_TCP, TCP_USER_TIMEOUT, -1, 30000, 0),
	OPT(IPPROTO_TCP, TCP_NOTSENT_LOWAT, 16384, 0),
	OPT(IPPROTO_TCP, 99, 1),
};

static const struct opt ip_level[] = {
	OPT(IPPROTO_IP, IP_TOS, 0x13, 0),
	OPT(IPPROTO_IP, IP_TTL, 0, 256, 1, 200, -1),
	OPT(IPPROTO_IP, IP_MTU_DISCOVER, 6, 0, 2),
	OPT(IPPROTO_IP, IP_PKTINFO, 1, 0),
	OPT(IPPROTO_IP, IP_FREEBIND, 1, 0),
	OPT(IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1, 0),
	OPT(IPPROTO_IP, 250, 1),
	OPT(IPPROTO_IPV6, IPV6_V6ONLY, 1),
};

static const struct opt ipv6_level[] = {
	OPT(IPPROTO_IPV6, IPV6_V6ONLY, 1, 0),
	OPT(IPPROTO_IPV6, IPV6_TCLASS, 256, -2, 0x13, -1),
	OPT(IPPROTO_IPV6, IPV6_UNICAST_HOPS, 256, -2, 0, 10, -1),
	OPT(IPPROTO_IPV6, IPV6_RECVPKTINFO, 1, 0),
	OPT(IPPROTO_IP, IP_TOS, 0x10),
	OPT(IPPROTO_IPV6, 250, 1),
};

#define TABLE(fd, t) table(fd, t, sizeof(t) / sizeof(t[0]))

/* Sizes and pointers Linux refuses, on an option of level/name taking an int. */
static void misuse(int fd, const char *what, int level, int name)
{
	int v = 1;
	socklen_t len = (socklen_t)-1;
	printf("  set %s len 2: %s\n", what, setsockopt(fd, level, name, &v, 2) ? ename(errno) : "ok");
	printf("  set %s bad pointer: %s\n", what,
	       setsockopt(fd, level, name, (void *)8, sizeof(v)) ? ename(errno) : "ok");
	printf("  get %s len -1: %s\n", what, getsockopt(fd, level, name, &v, &len) ? ename(errno) : "ok");
	printf("  get %s no len: %s\n", what, getsockopt(fd, level, name, &v, 0) ? ename(errno) : "ok");
	len = 0;
	printf("  get %s len 0: %s", what, getsockopt(fd, level, name, &v, &len) ? ename(errno) : "ok");
	printf(" (len %u)\n", (unsigned)len);
	unsigned char c = 0x77;
	len = 1;
	int r = getsockopt(fd, level, name, &c, &len);
	printf("  get %s len 1: %s (len %u)\n", what, r ? ename(errno) : "ok", (unsigned)len);
}

static void bind_device(int fd)
{
	char name[32];
	socklen_t len = sizeof(name);
	memset(name, 'x', sizeof(name));
	int r = getsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, &len);
	printf("  get SO_BINDTODEVICE: %s (len %u)\n", r ? ename(errno) : "ok", (unsigned)len);
	r = setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "nosuch0", 8);
	printf("  set SO_BINDTODEVICE nosuch0: %s\n", r ? ename(errno) : "ok");
	r = setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3);
	printf("  set SO_BINDTODEVICE lo: %s\n", r ? ename(errno) : "ok");
	len = 8;
	r = getsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, &len);
	printf("  get SO_BINDTODEVICE len 8: %s\n", r ? ename(errno) : "ok");
	len = sizeof(name);
	r = getsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, &len);
	printf("  get SO_BINDTODEVICE: %s \"%s\" (len %u)\n", r ? ename(errno) : "ok", r ? "" : name, (unsigned)len);
	r = setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "", 0);
	printf("  set SO_BINDTODEVICE \"\": %s\n", r ? ename(errno) : "ok");
	len = sizeof(name);
	r = getsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, &len);
	printf("  get SO_BINDTODEVICE: %s (len %u)\n", r ? ename(errno) : "ok", (unsigned)len);
}

static void congestion(int fd)
{
	char name[32];
	socklen_t len = sizeof(name);
	memset(name, 0, sizeof(name));
	int r = getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, name, &len);
	printf("  get TCP_CONGESTION: %s, a name: %s (len %u)\n", r ? ename(errno) : "ok", name[0] ? "yes" : "no",
	       (unsigned)len);
	r = setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, "nosuchcc", 8);
	printf("  set TCP_CONGESTION nosuchcc: %s\n", r ? ename(errno) : "ok");
	r = setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, "reno", 0);
	printf("  set TCP_CONGESTION len 0: %s\n", r ? ename(errno) : "ok");
	r = setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, "reno", 4);
	printf("  set TCP_CONGESTION reno: %s\n", r ? ename(errno) : "ok");
	memset(name, 'x', sizeof(name));
	len = sizeof(name);
	r = getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, name, &len);
	printf("  get TCP_CONGESTION: %s \"%.*s\" (len %u)\n", r ? ename(errno) : "ok", (int)len, name, (unsigned)len);
	len = 2;
	r = getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, name, &len);
	printf("  get TCP_CONGESTION len 2: %s \"%.*s\" (len %u)\n", r ? ename(errno) : "ok", (int)len, name,
	       (unsigned)len);
}

static void info(int fd, const char *what)
{
	unsigned char buf[512];
	socklen_t len = INFO_LEN;
	memset(buf, 0xee, sizeof(buf));
	int r = getsockopt(fd, IPPROTO_TCP, TCP_INFO, buf, &len);
	printf("  get TCP_INFO %s: %s state %d (len %u)\n", what, r ? ename(errno) : "ok", r ? -1 : buf[0],
	       (unsigned)len);
	len = sizeof(buf);
	r = getsockopt(fd, IPPROTO_TCP, TCP_INFO, buf, &len);
	printf("  get TCP_INFO %s, big buffer: %s (len >= %d: %s)\n", what, r ? ename(errno) : "ok", INFO_LEN,
	       len >= INFO_LEN && len < sizeof(buf) ? "yes" : "no");
}

static void peercred(int fd, const char *what)
{
	struct ucred c;
	socklen_t len = sizeof(c);
	int r = getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &c, &len);
	if (r)
		printf("  get SO_PEERCRED %s: %s\n", what, ename(errno));
	else
		printf("  get SO_PEERCRED %s: pid %s, uid %s, gid %s (len %u)\n", what,
		       c.pid == getpid() ? "ours" : c.pid ? "other" : "0",
		       c.uid == getuid() ? "ours" : c.uid == (uid_t)-1 ? "-1" : "other",
		       c.gid == getgid() ? "ours" : c.gid == (gid_t)-1 ? "-1" : "other", (unsigned)len);
}

static void unconnected_tcp(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		die("socket");
	printf("TCP, IPv4, unconnected\n");
	TABLE(fd, sol_socket);
	TABLE(fd, tcp_level);
	TABLE(fd, ip_level);
	misuse(fd, "TCP_NODELAY", IPPROTO_TCP, TCP_NODELAY);
	misuse(fd, "SO_KEEPALIVE", SOL_SOCKET, SO_KEEPALIVE);
	misuse(fd, "IP_TOS", IPPROTO_IP, IP_TOS);
	set_int(fd, "level 999", 999, 1, 1);
	get_int(fd, "level 999", 999, 1);
	bind_device(fd);
	congestion(fd);
	info(fd, "unconnected");
	close(fd);

	fd = socket(AF_INET6, SOCK_STREAM, 0);
	if (fd < 0)
		die("socket");
	printf("TCP, IPv6, unconnected\n");
	TABLE(fd, ipv6_level);
	misuse(fd, "IPV6_TCLASS", IPPROTO_IPV6, IPV6_TCLASS);
	set_int(fd, "level 999", 999, 1, 1);
	close(fd);
}

static void udp(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	printf("UDP, IPv4\n");
	TABLE(fd, sol_socket);
	TABLE(fd, ip_level);
	set_int(fd, "TCP_NODELAY", IPPROTO_TCP, TCP_NODELAY, 1);
	get_int(fd, "TCP_NODELAY", IPPROTO_TCP, TCP_NODELAY);
	bind_device(fd);
	close(fd);
	fd = socket(AF_INET6, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	printf("UDP, IPv6\n");
	TABLE(fd, ipv6_level);
	close(fd);
}

static void unix_sockets(void)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		die("socketpair");
	printf("AF_UNIX, stream pair\n");
	TABLE(sv[0], sol_socket);
	peercred(sv[0], "pair");
	set_int(sv[0], "TCP_NODELAY", IPPROTO_TCP, TCP_NODELAY, 1);
	get_int(sv[0], "TCP_NODELAY", IPPROTO_TCP, TCP_NODELAY);
	close(sv[0]);
	close(sv[1]);
}

static void read_n(int fd, size_t n)
{
	char buf[64] = { 0 };
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, buf + got, n - got);
		if (r <= 0)
			die("read");
		got += (size_t)r;
	}
	printf("  peer received \"%s\"\n", buf);
}

static void connected_tcp(void)
{
	int l = net_listen("127.0.0.1", "0", SOCK_STREAM), one = 1;
	struct sockaddr_in a;
	socklen_t alen = sizeof(a);
	if (getsockname(l, (struct sockaddr *)&a, &alen))
		die("getsockname");
	printf("TCP, connected pair\n");
	set_int(l, "listener TCP_KEEPIDLE", IPPROTO_TCP, TCP_KEEPIDLE, 77);
	set_int(l, "listener TCP_NODELAY", IPPROTO_TCP, TCP_NODELAY, 1);
	set_int(l, "listener TCP_FASTOPEN", IPPROTO_TCP, TCP_FASTOPEN, 16);
	get_int(l, "listener TCP_FASTOPEN", IPPROTO_TCP, TCP_FASTOPEN);
	info(l, "listener");
	int c = net_connect(a);
	int s = accept(l, 0, 0);
	if (s < 0)
		die("accept");
	info(c, "client");
	info(s, "server");
	get_int(s, "accepted TCP_KEEPIDLE", IPPROTO_TCP, TCP_KEEPIDLE);
	get_int(s, "accepted TCP_NODELAY", IPPROTO_TCP, TCP_NODELAY);
	set_int(c, "connected TCP_FASTOPEN", IPPROTO_TCP, TCP_FASTOPEN, 5);
	int mss = 0;
	socklen_t len = sizeof(mss);
	int r = getsockopt(c, IPPROTO_TCP, TCP_MAXSEG, &mss, &len);
	printf("  get connected TCP_MAXSEG: %s, positive: %s\n", r ? ename(errno) : "ok", mss > 0 ? "yes" : "no");
	peercred(c, "TCP");

	/* Corked: small writes held, sent together on uncork. */
	set_int(c, "TCP_CORK", IPPROTO_TCP, TCP_CORK, 1);
	write_all(c, "a", 1);
	write_all(c, "bc", 2);
	write_all(c, "def", 3);
	get_int(c, "TCP_CORK", IPPROTO_TCP, TCP_CORK);
	set_int(c, "TCP_CORK", IPPROTO_TCP, TCP_CORK, 0);
	read_n(s, 6);
	/* Still corked, what is held goes out after 200 ms all the same. */
	set_int(c, "TCP_CORK", IPPROTO_TCP, TCP_CORK, 1);
	write_all(c, "ghi", 3);
	struct pollfd p = { .fd = s, .events = POLLIN };
	printf("  corked data arrives within 5 s: %s\n", poll(&p, 1, 5000) == 1 ? "yes" : "no");
	read_n(s, 3);
	/* TCP_NODELAY on a corked socket pushes what is held. */
	write_all(c, "jk", 2);
	if (setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)))
		die("setsockopt");
	read_n(s, 2);
	set_int(c, "TCP_CORK", IPPROTO_TCP, TCP_CORK, 0);

	shutdown(s, SHUT_WR);
	char b;
	printf("  client reads EOF: %s\n", read(c, &b, 1) == 0 ? "yes" : "no");
	info(c, "client after the peer's FIN");
	close(c);
	close(s);
	close(l);
}

int main(void)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	unconnected_tcp();
	udp();
	unix_sockets();
	connected_tcp();
	return 0;
}
