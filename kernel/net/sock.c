/*
 * Sockets as the program's files: slots, descriptors, addresses, waiting,
 * and the calls that are the same for TCP and UDP (sock_tcp.c, sock_udp.c).
 */
#include "kernel/uapi.h"

#include "lwip/err.h"
#include "lwip/mem.h"
#include "lwip/netif.h"

#include "sock.h"
#include "sock_unix.h"
#include "socket.h"
#include "kernel/fs/anonfile.h"
#include "kernel/kernel.h"
#include "kernel/fs/kstat.h"
#include "net.h"
#include "kernel/events/poll.h"
#include "kernel/signal/signal.h"
#include "kernel/time/time.h"
#include "kernel/mm/uaccess.h"

#define SOCK_MAX 1024
#define SOCK_INO_BASE 100000 /* inode numbers: apart from the other anonymous files */
#define SIN6_LEN_RFC2133 24 /* Linux takes one without scope_id */

static struct sock socks[SOCK_MAX];

struct sock *sock_alloc(int type)
{
	for (int i = 0; i < SOCK_MAX; i++)
		if (!socks[i].used) {
			socks[i] = (struct sock){ .used = true, .type = type,
						  .proto = type == SOCK_STREAM ? &tcp_proto : &udp_proto,
						  .sndbuf = 16384, .rcvbuf = 131072 };
			return &socks[i];
		}
	return 0;
}

void sock_free(struct sock *s)
{
	s->used = false;
}

void sock_wake(struct sock *s)
{
	waitq_wake_all(&s->wq);
}

long sock_wait(struct sock *s, struct file *f, int flags, uint64_t timeout_ns, uint64_t *deadline)
{
	uint64_t seq = s->wq.seq;
	net_poll();
	if (s->wq.seq != seq)
		return 0; /* the looped-back packets changed it */
	if ((flags & MSG_DONTWAIT) || (f->flags & O_NONBLOCK))
		return -EAGAIN;
	if (timeout_ns && !*deadline)
		*deadline = rdtsc() + ns_to_tsc(timeout_ns);
	enum wake_reason why = waitq_wait_until(&s->wq, timeout_ns ? *deadline : 0);
	if (why == WAKE_SIGNAL)
		return timeout_ns ? -EINTR : -ERESTARTSYS;
	return why == WAKE_TIMEOUT ? -EAGAIN : 0;
}

uint64_t iov_total(const struct kiovec *iov, int n)
{
	uint64_t total = 0;
	for (int i = 0; i < n; i++)
		total += iov[i].len;
	return total;
}

long sock_copy_out(const struct kiovec *iov, int n, uint64_t skip, const struct pbuf *p, uint32_t off,
		   uint32_t len)
{
	uint32_t done = 0;
	for (int i = 0; i < n && done < len && p; i++) {
		if (skip >= iov[i].len) {
			skip -= iov[i].len;
			continue;
		}
		char *dst = (char *)iov[i].base + skip;
		uint64_t room = iov[i].len - skip;
		skip = 0;
		while (room && done < len && p) {
			if (off >= p->len) {
				off -= p->len;
				p = p->next;
				continue;
			}
			uint32_t k = p->len - off;
			if (k > room)
				k = (uint32_t)room;
			if (k > len - done)
				k = len - done;
			if (copy_to_user(dst, (const char *)p->payload + off, k))
				return -EFAULT;
			dst += k;
			room -= k;
			off += k;
			done += k;
		}
	}
	return done;
}

int sock_errno(int lwip_err)
{
	switch (lwip_err) {
	case ERR_MEM: case ERR_BUF: return ENOMEM;
	case ERR_TIMEOUT: case ERR_ABRT: return ETIMEDOUT;
	case ERR_RTE: return ENETUNREACH;
	case ERR_INPROGRESS: return EINPROGRESS;
	case ERR_VAL: case ERR_ARG: return EINVAL;
	case ERR_WOULDBLOCK: return EAGAIN;
	case ERR_USE: return EADDRINUSE;
	case ERR_ALREADY: return EALREADY;
	case ERR_ISCONN: return EISCONN;
	case ERR_CONN: case ERR_CLSD: return ENOTCONN;
	case ERR_RST: return ECONNRESET;
	case ERR_IF: return ENETDOWN;
	default: return EIO;
	}
}

static const struct file_ops sock_ops;

static struct sock *sock_of(int fd, struct file **fp, long *err)
{
	struct file *f = fd_get(fd);
	*err = !f ? -EBADF : f->ops != &sock_ops ? -ENOTSOCK : 0;
	if (*err)
		return 0;
	if (fp)
		*fp = f;
	return &socks[f->handle];
}

/* ---- addresses ---- */

/*
 * An AF_INET6 socket's address as lwIP's: an IPv4-mapped one (::ffff:a.b.c.d) is the
 * IPv4 address, and :: both families unless the socket is IPv6-only; a link-local
 * one is on the device (the one interface that has such addresses).
 */
static void addr6_in(const struct sockaddr_in6 *sa, bool v6only, ip_addr_t *ip)
{
	const uint32_t *w = sa->sin6_addr.s6_addr32;
	if (!v6only && !w[0] && !w[1] && w[2] == lwip_htonl(0xffff)) {
		ip_addr_set_ip4_u32(ip, w[3]);
		return;
	}
	if (!v6only && !(w[0] | w[1] | w[2] | w[3])) {
		ip_addr_copy(*ip, *IP_ANY_TYPE);
		return;
	}
	IP_ADDR6(ip, w[0], w[1], w[2], w[3]);
	if (netif_default)
		ip6_addr_assign_zone(ip_2_ip6(ip), IP6_UNKNOWN, netif_default);
}

/* The program's sockaddr for socket s as lwIP's address; *unspec for AF_UNSPEC. */
static long addr_in(const struct sock *s, const void *uaddr, uint64_t len, ip_addr_t *ip, uint16_t *port,
		    bool *unspec)
{
	union {
		uint16_t family;
		struct sockaddr_in v4;
		struct sockaddr_in6 v6;
	} sa;
	if (len > 128)
		return -EINVAL;
	if (len < sizeof(uint16_t))
		return -EINVAL;
	memset(&sa, 0, sizeof(sa));
	if (copy_from_user(&sa, uaddr, len < sizeof(sa) ? len : sizeof(sa)))
		return -EFAULT;
	*unspec = sa.family == AF_UNSPEC;
	if (*unspec)
		return 0;
	if (s->family == AF_INET6) {
		if (len < SIN6_LEN_RFC2133)
			return -EINVAL;
		if (sa.family != AF_INET6)
			return -EAFNOSUPPORT;
		addr6_in(&sa.v6, s->v6only, ip);
		*port = lwip_ntohs(sa.v6.sin6_port);
		return 0;
	}
	if (len < sizeof(sa.v4))
		return -EINVAL;
	if (sa.family != AF_INET)
		return -EAFNOSUPPORT;
	ip_addr_set_ip4_u32(ip, sa.v4.sin_addr.s_addr);
	*port = lwip_ntohs(sa.v4.sin_port);
	return 0;
}

/*
 * Write an address out as getsockname(2) does for socket s: truncated to *ulen, which
 * gets the full size. An AF_INET6 socket shows an IPv4 peer IPv4-mapped.
 */
static long addr_out(const struct sock *s, void *uaddr, void *ulen, const ip_addr_t *ip, uint16_t port)
{
	if (!uaddr)
		return 0;
	int32_t len;
	if (copy_from_user(&len, ulen, sizeof(len)))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	union {
		struct sockaddr_in v4;
		struct sockaddr_in6 v6;
	} sa;
	uint32_t full = sizeof(sa.v4);
	memset(&sa, 0, sizeof(sa));
	if (s->family == AF_INET6) {
		full = sizeof(sa.v6);
		sa.v6.sin6_family = AF_INET6;
		sa.v6.sin6_port = lwip_htons(port);
		if (IP_IS_V6(ip)) {
			memcpy(sa.v6.sin6_addr.s6_addr32, ip_2_ip6(ip)->addr, sizeof(sa.v6.sin6_addr));
			sa.v6.sin6_scope_id = ip6_addr_zone(ip_2_ip6(ip));
		} else if (!ip_addr_isany(ip)) {
			sa.v6.sin6_addr.s6_addr32[2] = lwip_htonl(0xffff);
			sa.v6.sin6_addr.s6_addr32[3] = ip4_addr_get_u32(ip_2_ip4(ip));
		}
	} else {
		sa.v4 = (struct sockaddr_in){ .sin_family = AF_INET, .sin_port = lwip_htons(port),
					      .sin_addr.s_addr = ip4_addr_get_u32(ip_2_ip4(ip)) };
	}
	if (copy_to_user(uaddr, &sa, (uint32_t)len < full ? (uint32_t)len : full) ||
	    copy_to_user(ulen, &full, sizeof(full)))
		return -EFAULT;
	return 0;
}

/* Is ip one of ours (any, the 127/8 loopback net, ::1, or an interface's)? */
static bool addr_local(const ip_addr_t *ip)
{
	if (ip_addr_isany(ip))
		return true;
	struct netif *n;
	if (IP_IS_V6(ip)) {
		NETIF_FOREACH(n) {
			if (netif_get_ip6_addr_match(n, ip_2_ip6(ip)) >= 0)
				return true;
		}
		return false;
	}
	if (lwip_ntohl(ip4_addr_get_u32(ip_2_ip4(ip))) >> 24 == 127)
		return true;
	NETIF_FOREACH(n) {
		if (ip4_addr_cmp(ip_2_ip4(ip), netif_ip4_addr(n)))
			return true;
	}
	return false;
}

/* ---- the file ---- */

static long sock_readv(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	struct sock *s = &socks[f->handle];
	(void)offset;
	long r = s->proto->recv(s, f, iov, n, 0, 0, 0, 0);
	net_poll();
	return r;
}

static long sock_writev(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	struct sock *s = &socks[f->handle];
	(void)offset;
	long r = s->proto->send(s, f, iov, n, 0, 0, 0);
	net_poll();
	if (r == -EPIPE)
		signal_send(current(), SIGPIPE, 0);
	return r;
}

static unsigned sock_poll(struct file *f, struct poll_info *pi)
{
	struct sock *s = &socks[f->handle];
	net_poll();
	pi->seq += s->wq.seq;
	return s->proto->poll(s);
}

static long sock_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	struct sock *s = &socks[f->handle];
	if (cmd != FIONREAD)
		return -ENOTTY;
	net_poll();
	int32_t v = (int32_t)s->proto->readable(s);
	return copy_to_user((void *)arg, &v, sizeof(v)) ? -EFAULT : 0;
}

static long sock_fstat(struct file *f, struct kstat *st)
{
	anon_fstat(f, st);
	st->mode = S_IFSOCK | 0777;
	st->ino = SOCK_INO_BASE + (uint64_t)f->handle;
	st->blksize = PAGE_SIZE;
	return 0;
}

static void sock_release(struct file *f)
{
	struct sock *s = &socks[f->handle];
	s->proto->close(s);
	net_poll();
	sock_free(s);
}

void sock_close_all(void)
{
	for (int i = 0; i < SOCK_MAX; i++)
		if (socks[i].used && socks[i].pcb)
			socks[i].proto->close(&socks[i]);
}

static const struct file_ops sock_ops = {
	.readv = sock_readv,
	.writev = sock_writev,
	.fstat = sock_fstat,
	.ioctl = sock_ioctl,
	.poll = sock_poll,
	.release = sock_release,
};

long sock_install(struct sock *s, int flags)
{
	return anon_open(&sock_ops, (int)(s - socks), flags);
}

/* ---- the calls ---- */

/* The kind of an AF_INET or AF_INET6 socket(domain, type, protocol), or -errno. */
static long inet_kind(int domain, int type, int protocol)
{
	int kind = type & SOCK_TYPE_MASK;
	if (type & ~(SOCK_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC) || kind > 10 || kind == 0)
		return -EINVAL;
	if (domain != AF_INET && domain != AF_INET6)
		return -EAFNOSUPPORT;
	if (kind != SOCK_STREAM && kind != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (protocol && protocol != (kind == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP))
		return -EPROTONOSUPPORT;
	return kind;
}

long sock_socketpair(int domain, int type, int protocol, int *usv)
{
	if (domain == AF_UNIX)
		return unix_socketpair(type, protocol, usv);
	long kind = inet_kind(domain, type, protocol);
	return kind < 0 ? kind : -EOPNOTSUPP; /* Linux's TCP and UDP make no pairs */
}

long sock_socket(int domain, int type, int protocol)
{
	if (domain == AF_UNIX)
		return unix_socket(type, protocol);
	long kind = inet_kind(domain, type, protocol);
	if (kind < 0)
		return kind;
	if (!net_start())
		return -ENOMEM;
	struct sock *s = sock_alloc((int)kind);
	if (!s)
		return -ENFILE;
	s->family = domain;
	long err = s->proto->open(s);
	if (err) {
		sock_free(s);
		return err;
	}
	return sock_install(s, type);
}

long sock_bind(int fd, const void *uaddr, uint64_t len)
{
	if (unix_fd(fd))
		return unix_bind(fd, uaddr, len);
	long err;
	struct sock *s = sock_of(fd, 0, &err);
	ip_addr_t ip;
	uint16_t port;
	bool unspec;
	if (!s)
		return err;
	err = addr_in(s, uaddr, len, &ip, &port, &unspec);
	if (err)
		return err;
	if (unspec && s->family == AF_INET6)
		return -EAFNOSUPPORT;
	if (unspec) {
		/* Linux takes AF_UNSPEC with INADDR_ANY as AF_INET, for old programs. */
		struct sockaddr_in sa;
		if (len < sizeof(sa))
			return -EINVAL;
		if (copy_from_user(&sa, uaddr, sizeof(sa)))
			return -EFAULT;
		if (sa.sin_addr.s_addr)
			return -EAFNOSUPPORT;
		ip_addr_set_zero(&ip);
		port = lwip_ntohs(sa.sin_port);
	}
	if (!addr_local(&ip))
		return -EADDRNOTAVAIL;
	err = s->proto->bind(s, &ip, port);
	net_poll();
	return err;
}

/* A call with one number: find the socket, run op, deliver what it sent. */
static long with_sock(int fd, int arg, long (*op)(struct sock *s, int arg))
{
	long err;
	struct sock *s = sock_of(fd, 0, &err);
	if (!s)
		return err;
	err = op(s, arg);
	net_poll();
	return err;
}

static long listen_op(struct sock *s, int backlog)
{
	return s->proto->listen(s, backlog < 0 || backlog > SOMAXCONN ? SOMAXCONN : backlog);
}

long sock_listen(int fd, int backlog)
{
	if (unix_fd(fd))
		return unix_listen(fd, backlog);
	return with_sock(fd, backlog, listen_op);
}

long sock_accept(int fd, void *uaddr, void *ulen, int flags)
{
	if (unix_fd(fd))
		return unix_accept(fd, uaddr, ulen, flags);
	long err;
	struct file *f;
	struct sock *s = sock_of(fd, &f, &err), *ns;
	if (!s)
		return err;
	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return -EINVAL;
	err = s->proto->accept(s, f, &ns);
	net_poll();
	if (err)
		return err;
	ip_addr_t ip;
	uint16_t port;
	if (ns->proto->name(ns, true, &ip, &port)) {
		ip_addr_set_zero(&ip);
		port = 0;
	}
	long nfd = sock_install(ns, O_RDWR | flags);
	if (nfd < 0)
		return nfd;
	err = addr_out(ns, uaddr, ulen, &ip, port);
	if (err) {
		fd_close((int)nfd);
		return err;
	}
	return nfd;
}

long sock_connect(int fd, const void *uaddr, uint64_t len)
{
	if (unix_fd(fd))
		return unix_connect(fd, uaddr, len);
	long err;
	struct file *f;
	struct sock *s = sock_of(fd, &f, &err);
	ip_addr_t ip;
	uint16_t port = 0;
	bool unspec;
	if (!s)
		return err;
	err = addr_in(s, uaddr, len, &ip, &port, &unspec);
	if (err)
		return err;
	err = s->proto->connect(s, f, unspec ? 0 : &ip, port);
	net_poll();
	return err;
}

long sock_sendto(int fd, const struct kiovec *iov, int n, int flags, const void *uaddr, uint64_t len)
{
	if (unix_fd(fd))
		return unix_send(fd, iov, n, flags, uaddr, len, 0, 0);
	long err;
	struct file *f;
	struct sock *s = sock_of(fd, &f, &err);
	ip_addr_t ip;
	uint16_t port = 0;
	bool unspec = true;
	if (!s)
		return err;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (uaddr && s->type == SOCK_DGRAM) {
		err = addr_in(s, uaddr, len, &ip, &port, &unspec);
		if (err)
			return err;
	}
	err = s->proto->send(s, f, iov, n, flags, unspec ? 0 : &ip, port);
	net_poll();
	if (err == -EPIPE && !(flags & MSG_NOSIGNAL))
		signal_send(current(), SIGPIPE, 0);
	return err;
}

long sock_recvfrom(int fd, const struct kiovec *iov, int n, int flags, void *uaddr, void *ulen, int *msg_flags)
{
	if (unix_fd(fd))
		return unix_recv(fd, iov, n, flags, uaddr, ulen, msg_flags, 0, 0);
	long err;
	struct file *f;
	struct sock *s = sock_of(fd, &f, &err);
	ip_addr_t ip;
	uint16_t port = 0;
	int mflags = 0;
	if (!s)
		return err;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	ip_addr_set_zero(&ip);
	long r = s->proto->recv(s, f, iov, n, flags, &ip, &port, &mflags);
	net_poll();
	if (r < 0)
		return r;
	if (msg_flags)
		*msg_flags = mflags;
	if (uaddr && s->type == SOCK_DGRAM) {
		err = addr_out(s, uaddr, ulen, &ip, port);
		if (err)
			return err;
	} else if (uaddr && ulen) {
		int32_t zero = 0;
		if (copy_to_user(ulen, &zero, sizeof(zero)))
			return -EFAULT;
	}
	return r;
}

static long shutdown_op(struct sock *s, int how)
{
	return how < 0 || how > 2 ? -EINVAL : s->proto->shutdown(s, how);
}

long sock_shutdown(int fd, int how)
{
	if (unix_fd(fd))
		return unix_shutdown(fd, how);
	return with_sock(fd, how, shutdown_op);
}

long sock_getname(int fd, void *uaddr, void *ulen, bool peer)
{
	if (unix_fd(fd))
		return unix_getname(fd, uaddr, ulen, peer);
	long err;
	struct sock *s = sock_of(fd, 0, &err);
	ip_addr_t ip;
	uint16_t port;
	if (!s)
		return err;
	err = s->proto->name(s, peer, &ip, &port);
	if (err)
		return err;
	return uaddr ? addr_out(s, uaddr, ulen, &ip, port) : -EFAULT;
}

struct sock *sock_lookup(int fd, struct file **f, long *err)
{
	return sock_of(fd, f, err);
}
