/*
 * AF_UNIX sockets inside the VM: the socket calls of kernel/net/socket.h on
 * them (socket, socketpair, bind, listen, connect, accept, shutdown, the
 * names, send and receive). Their files are in unix_file.c, names in
 * unix_name.c, messages in unix_msg.c, options in unix_opt.c.
 */
#include "kernel/uapi.h"

#include "kernel/mm/uaccess.h"
#include "sock_unix.h"
#include "unix.h"

#define SOCK_TYPES 11 /* Linux's SOCK_MAX, inside its kernel: types from it on are EINVAL */

/* The type a socket(AF_UNIX, type, protocol) gets, or -errno. */
static long check_type(int type, int protocol)
{
	int kind = type & SOCK_TYPE_MASK;
	if (type & ~(SOCK_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC) || kind >= SOCK_TYPES)
		return -EINVAL;
	if (protocol && protocol != AF_UNIX)
		return -EPROTONOSUPPORT;
	if (kind == SOCK_RAW)
		return SOCK_DGRAM;
	return kind == SOCK_STREAM || kind == SOCK_DGRAM || kind == SOCK_SEQPACKET ? kind : -ESOCKTNOSUPPORT;
}

long unix_socket(int type, int protocol)
{
	long kind = check_type(type, protocol);
	if (kind < 0)
		return kind;
	struct usock *s = unix_alloc((int)kind);
	return s ? unix_install(s, type) : -ENFILE;
}

long unix_socketpair(int type, int protocol, int *usv)
{
	long kind = check_type(type, protocol);
	if (kind < 0)
		return kind;
	struct usock *a = unix_alloc((int)kind), *b = a ? unix_alloc((int)kind) : 0;
	if (!b) {
		if (a)
			a->used = false;
		return -ENFILE;
	}
	for (struct usock *s = a; s; s = s == a ? b : 0) {
		s->state = US_CONNECTED;
		s->peer = s == a ? b : a;
		s->creds = true;
	}
	int fds[2];
	fds[0] = unix_install(a, type);
	if (fds[0] < 0) {
		unix_close(b, false);
		return fds[0];
	}
	fds[1] = unix_install(b, type);
	if (fds[1] < 0) {
		fd_close(fds[0]);
		return fds[1];
	}
	if (copy_to_user(usv, fds, sizeof(fds))) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

long unix_bind(int fd, const void *uaddr, uint64_t len)
{
	long err;
	struct usock *s = unix_lookup(fd, 0, &err);
	struct uname n;
	struct ukey k;
	if (!s)
		return err;
	err = unix_name_in(uaddr, len, &n, &k);
	if (err)
		return err;
	if (s->name.len)
		return -EINVAL;
	return n.len ? unix_name_set(s, &n, &k) : unix_autobind(s);
}

long unix_listen(int fd, int backlog)
{
	long err;
	struct usock *s = unix_lookup(fd, 0, &err);
	if (!s)
		return err;
	if (!unix_connection(s))
		return -EOPNOTSUPP;
	if (!s->name.len || s->state == US_CONNECTED)
		return -EINVAL;
	s->backlog = (unsigned)backlog > SOMAXCONN ? SOMAXCONN : backlog;
	s->state = US_LISTENING;
	s->creds = true;
	unix_wake(s);
	return 0;
}

/* connect(2) of a stream or seqpacket socket: a new socket joins the listener's queue for accept. */
static long connect_stream(struct usock *s, struct file *f, const struct ukey *k)
{
	long err;
	if (s->state == US_CONNECTED)
		return -EISCONN;
	if (s->state == US_LISTENING)
		return -EINVAL;
	for (;;) {
		struct usock *l = unix_find(k, s->type, &err);
		if (!l)
			return err;
		if (l->state != US_LISTENING)
			return -ECONNREFUSED;
		if (l->npending <= l->backlog)
			break;
		err = unix_wait(&l->wq, f, 0);
		if (err)
			return err;
		if (s->state != US_UNCONNECTED)
			return -EISCONN;
	}
	struct usock *l = unix_find(k, s->type, &err), *e = unix_alloc(s->type);
	if (!e)
		return -ENOMEM;
	e->state = US_CONNECTED;
	e->peer = s;
	e->name = l->name;
	e->peer_name = s->name;
	e->creds = true;
	s->state = US_CONNECTED;
	s->peer = e;
	s->peer_name = l->name;
	s->creds = true;
	if (l->pending_tail)
		l->pending_tail->next_pending = e;
	else
		l->pending_head = e;
	l->pending_tail = e;
	l->npending++;
	unix_wake(l);
	return 0;
}

/* connect(2) of a datagram socket: its destination, or none for AF_UNSPEC. */
static long connect_dgram(struct usock *s, const void *uaddr, uint64_t len)
{
	uint16_t family;
	struct uname n;
	struct ukey k;
	long err;
	struct usock *to = 0, *old = s->peer;
	if (len < sizeof(family))
		return -EINVAL;
	if (copy_from_user(&family, uaddr, sizeof(family)))
		return -EFAULT;
	if (family != AF_UNSPEC) {
		err = unix_name_in(uaddr, len, &n, &k);
		if (err)
			return err;
		to = unix_find(&k, s->type, &err);
		if (!to)
			return err;
		if (to->peer && to->peer != s)
			return -EPERM;
	}
	if (old && old != to) {
		/* Linux drops what came before, and tells a peer connected back that the link broke. */
		uq_clear(&s->q);
		if (old->peer == s) {
			old->err = ECONNRESET;
			unix_wake(old);
		}
	}
	s->peer = to;
	s->peer_closed = false;
	s->state = to ? US_CONNECTED : US_UNCONNECTED;
	s->peer_name = to ? to->name : (struct uname){ 0 };
	return 0;
}

long unix_connect(int fd, const void *uaddr, uint64_t len)
{
	long err;
	struct file *f;
	struct usock *s = unix_lookup(fd, &f, &err);
	struct uname n;
	struct ukey k;
	if (!s)
		return err;
	if (!unix_connection(s))
		return connect_dgram(s, uaddr, len);
	err = unix_name_in(uaddr, len, &n, &k);
	return err ? err : connect_stream(s, f, &k);
}

long unix_accept(int fd, void *uaddr, void *ulen, int flags)
{
	long err;
	struct file *f;
	struct usock *s = unix_lookup(fd, &f, &err);
	if (!s)
		return err;
	if (!unix_connection(s))
		return -EOPNOTSUPP;
	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return -EINVAL;
	if (s->state != US_LISTENING)
		return -EINVAL;
	while (!s->pending_head) {
		err = unix_wait(&s->wq, f, 0);
		if (err)
			return err;
		if (s->state != US_LISTENING)
			return -EINVAL;
	}
	struct usock *e = s->pending_head;
	s->pending_head = e->next_pending;
	if (!s->pending_head)
		s->pending_tail = 0;
	s->npending--;
	e->next_pending = 0;
	unix_wake(s);
	struct uname peer = e->peer_name;
	long nfd = unix_install(e, O_RDWR | flags);
	if (nfd < 0)
		return nfd;
	err = unix_name_out(uaddr, ulen, &peer, true);
	if (err) {
		fd_close((int)nfd);
		return err;
	}
	return nfd;
}

long unix_shutdown(int fd, int how)
{
	long err;
	struct usock *s = unix_lookup(fd, 0, &err);
	if (!s)
		return err;
	if (how < 0 || how > 2)
		return -EINVAL;
	int mask = how + 1; /* SHUT_RD 0, SHUT_WR 1, SHUT_RDWR 2 as RCV 1, SEND 2, both 3 */
	s->shut |= mask;
	struct usock *p = s->peer;
	if (p && unix_connection(s)) {
		/* What this end stops doing, the other end stops expecting. */
		p->shut |= (mask & SHUT_RCV ? SHUT_SEND : 0) | (mask & SHUT_SEND ? SHUT_RCV : 0);
		unix_wake(p);
	}
	unix_wake(s);
	return 0;
}

long unix_getname(int fd, void *uaddr, void *ulen, bool peer)
{
	long err;
	struct usock *s = unix_lookup(fd, 0, &err);
	if (!s)
		return err;
	if (peer && s->state != US_CONNECTED)
		return -ENOTCONN;
	if (!uaddr)
		return -EFAULT;
	return unix_name_out(uaddr, ulen, peer ? &s->peer_name : &s->name, true);
}

long unix_send(int fd, const struct kiovec *iov, int n, int flags, const void *uaddr, uint64_t alen,
	       const void *ucontrol, uint64_t controllen)
{
	long err;
	struct file *f;
	struct usock *s = unix_lookup(fd, &f, &err);
	struct uname name;
	struct ukey to;
	if (!s)
		return err;
	if (uaddr && alen && s->type == SOCK_DGRAM) {
		err = unix_name_in(uaddr, alen, &name, &to);
		if (err)
			return err;
	} else if (uaddr && alen && s->type == SOCK_STREAM) {
		return s->state == US_CONNECTED ? -EISCONN : -EOPNOTSUPP;
	}
	return unix_transmit(s, f, iov, n, flags, uaddr && alen && s->type == SOCK_DGRAM ? &to : 0, ucontrol,
			     controllen);
}

long unix_recv(int fd, const struct kiovec *iov, int n, int flags, void *uaddr, void *ulen, int *msg_flags,
	       void *ucontrol, uint64_t *controllen)
{
	long err;
	struct file *f;
	struct usock *s = unix_lookup(fd, &f, &err);
	struct uname from = { 0 };
	int mflags = 0;
	if (!s)
		return err;
	long r = unix_receive(s, f, iov, n, flags, &from, &mflags, ucontrol, controllen);
	if (r < 0)
		return r;
	if (msg_flags)
		*msg_flags = mflags;
	err = unix_name_out(uaddr, ulen, &from, false);
	return err ? err : r;
}
