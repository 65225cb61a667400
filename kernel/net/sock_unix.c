/*
 * AF_UNIX sockets inside the VM: slots, names, connections and the socket's
 * file (its messages are in unix_msg.c). The program is the only process, so
 * names live in a table here: a path name makes no file on the host, and it
 * is free again once its socket closes.
 */
#include "kernel/uapi.h"

#include "kernel/fs/anonfile.h"
#include "kernel/mm/frame.h"
#include "kernel/kernel.h"
#include "kernel/fs/kstat.h"
#include "kernel/fs/path.h"
#include "kernel/events/poll.h"
#include "kernel/proc/proc.h"
#include "sock.h"
#include "sock_unix.h"
#include "kernel/mm/uaccess.h"
#include "unix.h"

#define UNIX_MAX 128
#define SOCK_TYPES 11 /* Linux's SOCK_MAX, inside its kernel: types from it on are EINVAL */
#define UNIX_INO_BASE 200000
#define BUF_MIN 2304
#define BUF_MAX 212992
#define NOBODY 65534 /* the overflow uid and gid Linux gives for no credentials */

static struct usock socks[UNIX_MAX];
static const struct file_ops unix_ops;
static unsigned autobind_next;

static struct usock *alloc(int type)
{
	for (int i = 0; i < UNIX_MAX; i++)
		if (!socks[i].used) {
			socks[i] = (struct usock){ .used = true, .type = type, .sndbuf = UNIX_BUF, .rcvbuf = UNIX_BUF };
			return &socks[i];
		}
	return 0;
}

static struct usock *lookup(int fd, struct file **fp, long *err)
{
	struct file *f = fd_get(fd);
	*err = !f ? -EBADF : f->ops != &unix_ops ? -ENOTSOCK : 0;
	if (*err)
		return 0;
	if (fp)
		*fp = f;
	return &socks[f->handle];
}

bool unix_fd(int fd)
{
	struct file *f = fd_get(fd);
	return f && f->ops == &unix_ops;
}

void unix_wake(struct usock *s)
{
	waitq_wake_all(&s->wq);
	if (s->peer)
		waitq_wake_all(&s->peer->wq);
}

long unix_wait(struct waitq *q, struct file *f, int flags)
{
	if ((flags & MSG_DONTWAIT) || (f->flags & O_NONBLOCK))
		return -EAGAIN;
	return waitq_wait(q) == WAKE_SIGNAL ? -ERESTARTSYS : 0;
}

static bool connection(const struct usock *s)
{
	return s->type != SOCK_DGRAM;
}

/* ---- names ---- */

/* Path names are kept canonical in a table beside the slots. */
static char keys[UNIX_MAX][KEY_MAX];

static bool key_match(const struct usock *s, const struct ukey *k)
{
	if (!s->name.len || (s->name.path[0] != 0) != k->path)
		return false;
	const char *key = keys[s - socks];
	return k->path ? (int)strlen(key) == k->len && !memcmp(key, k->text, (size_t)k->len)
		       : s->name.len == k->len && !memcmp(s->name.path, k->text, (size_t)k->len);
}

static struct usock *find_key(const struct ukey *k, int type)
{
	for (int i = 0; i < UNIX_MAX; i++)
		if (socks[i].used && key_match(&socks[i], k) && (k->path || socks[i].type == type))
			return &socks[i];
	return 0;
}

struct usock *unix_find(const struct ukey *k, int type, long *err)
{
	struct usock *s = find_key(k, type);
	*err = !s ? (k->path ? -ENOENT : -ECONNREFUSED) : s->type != type ? -EPROTOTYPE : 0;
	return *err ? 0 : s;
}

/*
 * The key of a path name: made absolute and canonical from the program's
 * sun_path when it ends with a NUL there, as given otherwise.
 */
static long path_key(const char *upath, const struct uname *n, bool ended, struct ukey *k)
{
	if (!ended) {
		k->len = n->len - 1;
		memcpy(k->text, n->path, (size_t)k->len);
		return 0;
	}
	uint64_t frame = frame_alloc();
	if (!frame)
		return -ENOMEM;
	char *buf = phys_to_virt(frame);
	long len = path_get(AT_FDCWD, upath, buf, 0);
	if (len >= KEY_MAX)
		len = -ENAMETOOLONG;
	if (len >= 0)
		memcpy(k->text, buf, (size_t)len);
	frame_free(frame);
	k->len = (int)len;
	return len < 0 ? len : 0;
}

long unix_name_in(const void *uaddr, uint64_t len, struct uname *n, struct ukey *k)
{
	uint16_t family;
	if (len < sizeof(family) || len > sizeof(family) + SUN_MAX - 1)
		return -EINVAL;
	if (copy_from_user(&family, uaddr, sizeof(family)))
		return -EFAULT;
	if (family != AF_UNIX)
		return -EINVAL;
	memset(n, 0, sizeof(*n));
	n->len = (uint8_t)(len - sizeof(family));
	const char *upath = (const char *)uaddr + sizeof(family);
	if (copy_from_user(n->path, upath, n->len))
		return -EFAULT;
	k->path = n->len && n->path[0];
	if (!k->path) {
		k->len = n->len;
		memcpy(k->text, n->path, n->len);
		return 0;
	}
	bool ended = strlen(n->path) < n->len;
	n->len = (uint8_t)(strlen(n->path) + 1); /* a path ends at its NUL, or where the address ends */
	return path_key(upath, n, ended, k);
}

long unix_name_out(void *uaddr, void *ulen, const struct uname *n, bool family_only)
{
	int32_t len;
	if (!uaddr)
		return 0;
	if (copy_from_user(&len, ulen, sizeof(len)))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	struct {
		uint16_t family;
		char path[SUN_MAX];
	} sa = { AF_UNIX, { 0 } };
	memcpy(sa.path, n->path, n->len);
	int32_t full = n->len || family_only ? (int32_t)(sizeof(sa.family) + n->len) : 0;
	if (copy_to_user(uaddr, &sa, (uint32_t)(len < full ? len : full)) || copy_to_user(ulen, &full, sizeof(full)))
		return -EFAULT;
	return 0;
}

/* Give s the name n with its key k: 0 or -EADDRINUSE. */
static long name_set(struct usock *s, const struct uname *n, const struct ukey *k)
{
	if (find_key(k, s->type))
		return -EADDRINUSE;
	s->name = *n;
	memset(keys[s - socks], 0, sizeof(keys[0]));
	if (k->path)
		memcpy(keys[s - socks], k->text, (size_t)k->len);
	return 0;
}

/* bind(2) with the family alone: an abstract name of five hex digits nobody has. */
static long autobind(struct usock *s)
{
	for (unsigned tries = 0; tries < 0x100000; tries++) {
		struct uname n = { .len = 6 };
		unsigned v = autobind_next++ & 0xfffff;
		for (int i = 5; i > 0; i--, v >>= 4)
			n.path[i] = "0123456789abcdef"[v & 15];
		struct ukey k = { .path = false, .len = n.len };
		memcpy(k.text, n.path, n.len);
		if (!name_set(s, &n, &k))
			return 0;
	}
	return -ENOSPC;
}

/* ---- closing ---- */

static void release(struct usock *s, bool embryo)
{
	while (s->pending_head) {
		struct usock *e = s->pending_head;
		s->pending_head = e->next_pending;
		release(e, true);
	}
	struct usock *p = s->peer;
	if (p && connection(s)) {
		p->shut = SHUT_RCV | SHUT_SEND;
		if (s->q.nrec || embryo)
			p->err = ECONNRESET;
	}
	for (int i = 0; i < UNIX_MAX; i++)
		if (socks[i].used && socks[i].peer == s) {
			socks[i].peer = 0;
			socks[i].peer_closed = !connection(&socks[i]);
			waitq_wake_all(&socks[i].wq);
		}
	uq_clear(&s->q);
	waitq_wake_all(&s->wq);
	s->used = false;
}

static void unix_release(struct file *f)
{
	release(&socks[f->handle], false);
}

/* ---- the file ---- */

static long unix_readv(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	(void)offset;
	return unix_receive(&socks[f->handle], f, iov, n, 0, 0, 0, 0, 0);
}

static long unix_writev(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	(void)offset;
	return unix_transmit(&socks[f->handle], f, iov, n, 0, 0, 0, 0);
}

/* The space a sender sees: Linux's unix_writable on what its peer has not read. */
static bool writable(const struct usock *s)
{
	if (s->state == US_LISTENING)
		return false;
	const struct usock *p = s->peer;
	return !p || (uint64_t)p->q.bytes * 4 <= (uint64_t)s->sndbuf;
}

static unsigned unix_poll(struct file *f, struct poll_info *pi)
{
	struct usock *s = &socks[f->handle];
	unsigned m = 0;
	pi->seq += s->wq.seq;
	if (s->err)
		m |= POLLERR;
	if (s->shut == (SHUT_RCV | SHUT_SEND))
		m |= POLLHUP;
	if (s->shut & SHUT_RCV)
		m |= POLLRDHUP | POLL_READ;
	if (s->q.nrec || s->pending_head)
		m |= POLL_READ;
	if (connection(s) && s->state == US_UNCONNECTED)
		m |= POLLHUP;
	if (writable(s))
		m |= POLL_WRITE;
	return m;
}

static long unix_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	struct usock *s = &socks[f->handle];
	struct uq_rec r;
	if (cmd != FIONREAD)
		return -ENOTTY;
	if (s->state == US_LISTENING)
		return -EINVAL;
	/* A stream's or seqpacket's unread bytes; a datagram socket's next datagram. */
	int32_t v = (int32_t)(connection(s) ? s->q.bytes : uq_first(&s->q, &r) ? r.len : 0);
	return copy_to_user((void *)arg, &v, sizeof(v)) ? -EFAULT : 0;
}

static long unix_fstat(struct file *f, struct kstat *st)
{
	anon_fstat(f, st);
	st->mode = S_IFSOCK | 0777;
	st->ino = UNIX_INO_BASE + (uint64_t)f->handle;
	st->blksize = PAGE_SIZE;
	return 0;
}

static const struct file_ops unix_ops = {
	.readv = unix_readv,
	.writev = unix_writev,
	.fstat = unix_fstat,
	.ioctl = unix_ioctl,
	.poll = unix_poll,
	.release = unix_release,
	.link = "socket:[%lu]",
};

/* ---- the calls ---- */

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
	struct usock *s = alloc((int)kind);
	return s ? anon_open(&unix_ops, (int)(s - socks), type) : -ENFILE;
}

long unix_socketpair(int type, int protocol, int *usv)
{
	long kind = check_type(type, protocol);
	if (kind < 0)
		return kind;
	struct usock *a = alloc((int)kind), *b = a ? alloc((int)kind) : 0;
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
	fds[0] = anon_open(&unix_ops, (int)(a - socks), type);
	if (fds[0] < 0) {
		release(b, false);
		return fds[0];
	}
	fds[1] = anon_open(&unix_ops, (int)(b - socks), type);
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
	struct usock *s = lookup(fd, 0, &err);
	struct uname n;
	struct ukey k;
	if (!s)
		return err;
	err = unix_name_in(uaddr, len, &n, &k);
	if (err)
		return err;
	if (s->name.len)
		return -EINVAL;
	return n.len ? name_set(s, &n, &k) : autobind(s);
}

long unix_listen(int fd, int backlog)
{
	long err;
	struct usock *s = lookup(fd, 0, &err);
	if (!s)
		return err;
	if (!connection(s))
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
	struct usock *l = unix_find(k, s->type, &err), *e = alloc(s->type);
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
	struct usock *s = lookup(fd, &f, &err);
	struct uname n;
	struct ukey k;
	if (!s)
		return err;
	if (!connection(s))
		return connect_dgram(s, uaddr, len);
	err = unix_name_in(uaddr, len, &n, &k);
	return err ? err : connect_stream(s, f, &k);
}

long unix_accept(int fd, void *uaddr, void *ulen, int flags)
{
	long err;
	struct file *f;
	struct usock *s = lookup(fd, &f, &err);
	if (!s)
		return err;
	if (!connection(s))
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
	long nfd = anon_open(&unix_ops, (int)(e - socks), O_RDWR | flags);
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
	struct usock *s = lookup(fd, 0, &err);
	if (!s)
		return err;
	if (how < 0 || how > 2)
		return -EINVAL;
	int mask = how + 1; /* SHUT_RD 0, SHUT_WR 1, SHUT_RDWR 2 as RCV 1, SEND 2, both 3 */
	s->shut |= mask;
	struct usock *p = s->peer;
	if (p && connection(s)) {
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
	struct usock *s = lookup(fd, 0, &err);
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
	struct usock *s = lookup(fd, &f, &err);
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
	struct usock *s = lookup(fd, &f, &err);
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

/* ---- options ---- */

long unix_setsockopt(int fd, int level, int name, const void *uval, uint64_t len)
{
	long err;
	struct usock *s = lookup(fd, 0, &err);
	int32_t v;
	if (!s)
		return err;
	if (level != SOL_SOCKET)
		return -EOPNOTSUPP;
	if (len < sizeof(v))
		return -EINVAL;
	if (copy_from_user(&v, uval, sizeof(v)))
		return -EFAULT;
	switch (name) {
	case SO_REUSEADDR: break;
	case SO_PASSCRED: s->passcred = v; break;
	case SO_SNDBUF:
	case SO_RCVBUF: {
		int64_t b = 2 * (int64_t)(v < 0 ? 0 : v);
		*(name == SO_SNDBUF ? &s->sndbuf : &s->rcvbuf) = (int)(b < BUF_MIN ? BUF_MIN : b > BUF_MAX ? BUF_MAX : b);
		unix_wake(s);
		break;
	}
	default: return -ENOPROTOOPT;
	}
	return 0;
}

long unix_getsockopt(int fd, int level, int name, void *uval, void *ulen)
{
	long err;
	struct usock *s = lookup(fd, 0, &err);
	int32_t len;
	struct {
		int32_t pid, uid, gid;
	} cred = { 0, NOBODY, NOBODY };
	int32_t v;
	const void *out = &v;
	uint32_t size = sizeof(v);
	if (!s)
		return err;
	if (level != SOL_SOCKET)
		return -EOPNOTSUPP;
	if (copy_from_user(&len, ulen, sizeof(len)))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	switch (name) {
	case SO_TYPE: v = s->type; break;
	case SO_ERROR: v = s->err; s->err = 0; break;
	case SO_SNDBUF: v = s->sndbuf; break;
	case SO_RCVBUF: v = s->rcvbuf; break;
	case SO_PASSCRED: v = s->passcred; break;
	case SO_REUSEADDR: v = 0; break;
	case SO_ACCEPTCONN: v = s->state == US_LISTENING; break;
	case SO_DOMAIN: v = AF_UNIX; break;
	case SO_PROTOCOL: v = 0; break;
	case SO_PEERCRED:
		if (s->creds)
			cred = (typeof(cred)){ PROC_PID, (int32_t)boot->uid, (int32_t)boot->gid };
		out = &cred;
		size = sizeof(cred);
		break;
	default: return -ENOPROTOOPT;
	}
	if ((uint32_t)len > size)
		len = (int32_t)size;
	if (copy_to_user(uval, out, (uint32_t)len) || copy_to_user(ulen, &len, sizeof(len)))
		return -EFAULT;
	return 0;
}
