/*
 * The socket calls (kernel/net/socket.h) for AF_INET and AF_INET6 sockets,
 * the same for TCP and UDP: each checks the program's arguments, calls the
 * protocol's half (struct sock_proto) and delivers what that sent. AF_UNIX
 * descriptors go to sock_unix.c.
 */
#include "kernel/uapi.h"

#include "sock.h"
#include "sock_unix.h"
#include "socket.h"
#include "net.h"
#include "kernel/signal/signal.h"
#include "kernel/mm/uaccess.h"

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
	struct sock *s = sock_lookup(fd, 0, &err);
	ip_addr_t ip;
	uint16_t port;
	bool unspec;
	if (!s)
		return err;
	err = sock_addr_in(s, uaddr, len, &ip, &port, &unspec);
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
	if (!sock_addr_local(&ip))
		return -EADDRNOTAVAIL;
	err = s->proto->bind(s, &ip, port);
	net_poll();
	return err;
}

/* A call with one number: find the socket, run op, deliver what it sent. */
static long with_sock(int fd, int arg, long (*op)(struct sock *s, int arg))
{
	long err;
	struct sock *s = sock_lookup(fd, 0, &err);
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
	struct sock *s = sock_lookup(fd, &f, &err), *ns;
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
	err = sock_addr_out(ns, uaddr, ulen, &ip, port);
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
	struct sock *s = sock_lookup(fd, &f, &err);
	ip_addr_t ip;
	uint16_t port = 0;
	bool unspec;
	if (!s)
		return err;
	err = sock_addr_in(s, uaddr, len, &ip, &port, &unspec);
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
	struct sock *s = sock_lookup(fd, &f, &err);
	ip_addr_t ip;
	uint16_t port = 0;
	bool unspec = true;
	if (!s)
		return err;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (uaddr && s->type == SOCK_DGRAM) {
		err = sock_addr_in(s, uaddr, len, &ip, &port, &unspec);
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
	struct sock *s = sock_lookup(fd, &f, &err);
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
		err = sock_addr_out(s, uaddr, ulen, &ip, port);
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
	struct sock *s = sock_lookup(fd, 0, &err);
	ip_addr_t ip;
	uint16_t port;
	if (!s)
		return err;
	err = s->proto->name(s, peer, &ip, &port);
	if (err)
		return err;
	return uaddr ? sock_addr_out(s, uaddr, ulen, &ip, port) : -EFAULT;
}
