/*
 * AF_UNIX messages: a stream's bytes, datagrams and seqpackets with their
 * boundaries, the sender's name, and passed descriptors (SCM_RIGHTS).
 */
#include "kernel/uapi.h"

#include "kernel/kernel.h"
#include "kernel/signal/signal.h"
#include "sock.h"
#include "kernel/sched/thread.h"
#include "kernel/mm/uaccess.h"
#include "unix.h"

#define SCM_MAX_FD 253 /* Linux's limit on files in one message, inside its kernel */
#define DGRAM_QLEN 10 /* net.unix.max_dgram_qlen: datagrams from others a socket holds */

struct kcmsghdr {
	uint64_t len;
	int32_t level, type;
};

#define CMSG_ALIGN(n) (((n) + 7) & ~7ULL)

static void put_all(struct file **fds, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		file_put(fds[i]);
}

/* The files SCM_RIGHTS names in the program's control data, each with a reference taken. */
static long scm_in(const char *uc, uint64_t clen, struct file **fds, unsigned *nfds)
{
	*nfds = 0;
	for (uint64_t off = 0; clen - off >= sizeof(struct kcmsghdr) && off < clen;) {
		struct kcmsghdr h;
		if (copy_from_user(&h, uc + off, sizeof(h)))
			goto fault;
		if (h.len < sizeof(h) || h.len > clen - off)
			goto invalid;
		if (h.level == SOL_SOCKET && h.type == SCM_RIGHTS) {
			uint64_t k = (h.len - sizeof(h)) / sizeof(int32_t);
			if (*nfds + k > SCM_MAX_FD)
				goto invalid;
			for (uint64_t i = 0; i < k; i++) {
				int32_t fd;
				if (copy_from_user(&fd, uc + off + sizeof(h) + i * sizeof(fd), sizeof(fd)))
					goto fault;
				struct file *f = fd_get(fd);
				if (!f) {
					put_all(fds, *nfds);
					return -EBADF;
				}
				f->refs++;
				fds[(*nfds)++] = f;
			}
		} else if (h.level == SOL_SOCKET && h.type != SCM_CREDENTIALS) {
			goto invalid;
		}
		off += CMSG_ALIGN(h.len);
	}
	return 0;
fault:
	put_all(fds, *nfds);
	return -EFAULT;
invalid:
	put_all(fds, *nfds);
	return -EINVAL;
}

/*
 * Give the oldest record's files to the program: as many descriptors as cap
 * bytes of control data hold (MSG_CTRUNC for the rest, which close);
 * *used gets the control bytes written. With peek they stay in the record.
 */
static void scm_out(struct uq *q, struct uq_rec *r, int flags, void *uc, uint64_t cap, uint64_t *used,
		    int *mflags)
{
	struct file *fds[SCM_MAX_FD];
	int32_t nums[SCM_MAX_FD];
	bool peek = flags & MSG_PEEK;
	if (!r->nfds || r->fds_taken)
		return;
	uq_first_fds(q, r, fds, !peek);
	unsigned room = cap > sizeof(struct kcmsghdr) ? (unsigned)((cap - sizeof(struct kcmsghdr)) / sizeof(int32_t)) : 0;
	unsigned k = 0, next = 0;
	while (next < r->nfds && k < room) {
		struct file *f = fds[next++];
		if (peek)
			f->refs++;
		int fd = fd_install(f, flags & MSG_CMSG_CLOEXEC);
		if (fd < 0)
			break;
		nums[k++] = fd;
	}
	if (!peek)
		put_all(fds + next, r->nfds - next);
	if (k < r->nfds)
		*mflags |= MSG_CTRUNC;
	if (!k)
		return;
	struct kcmsghdr h = { sizeof(h) + k * sizeof(int32_t), SOL_SOCKET, SCM_RIGHTS };
	if (copy_to_user(uc, &h, sizeof(h)) || copy_to_user((char *)uc + sizeof(h), nums, k * sizeof(int32_t))) {
		*mflags |= MSG_CTRUNC;
		return;
	}
	*used = CMSG_ALIGN(h.len) < cap ? CMSG_ALIGN(h.len) : cap;
}

static bool nonblocking(const struct file *f, int flags)
{
	return (flags & MSG_DONTWAIT) || (f->flags & O_NONBLOCK);
}

static long send_stream(struct usock *s, struct file *f, const struct kiovec *iov, int n, int flags,
			struct file **fds, unsigned *nfds)
{
	uint64_t len = iov_total(iov, n), sent = 0;
	if (s->state != US_CONNECTED)
		return -ENOTCONN;
	while (sent < len) {
		struct usock *p = s->peer;
		if ((s->shut & SHUT_SEND) || !p || (p->shut & SHUT_RCV)) {
			if (!sent && !(flags & MSG_NOSIGNAL))
				signal_send(current(), SIGPIPE, 0);
			return sent ? (long)sent : -EPIPE;
		}
		/* As much as the sender's buffer and the receiver's ring allow. */
		int64_t chunk = (int64_t)(len - sent), budget = (int64_t)s->sndbuf - (int64_t)p->q.bytes;
		int64_t room = (int64_t)uq_room(&p->q) - (int64_t)uq_size(0, s->name.len, *nfds);
		if (chunk > budget)
			chunk = budget;
		if (chunk > room)
			chunk = room;
		if (chunk <= 0) {
			long err = unix_wait(&p->wq, f, flags);
			if (err)
				return sent ? (long)sent : err;
			continue;
		}
		long err = uq_append(&p->q, s->name.path, s->name.len, fds, *nfds, iov, n, sent, (uint64_t)chunk, true);
		if (err)
			return sent ? (long)sent : err;
		*nfds = 0; /* the first piece carries them */
		sent += (uint64_t)chunk;
		unix_wake(p);
	}
	return (long)sent;
}

/* Where a datagram or seqpacket goes: 0 and *err when it cannot. */
static struct usock *destination(struct usock *s, const struct ukey *to, long *err)
{
	struct usock *p;
	*err = 0;
	if (s->type == SOCK_SEQPACKET)
		p = s->peer;
	else if (to)
		p = unix_find(to, SOCK_DGRAM, err);
	else if (s->peer_closed) {
		s->peer_closed = false;
		s->state = US_UNCONNECTED;
		s->peer_name = (struct uname){ 0 };
		*err = -ECONNREFUSED;
		return 0;
	} else
		p = s->peer;
	if (!p && !*err)
		*err = -EPIPE;
	else if (p && s->type == SOCK_DGRAM && p->peer && p->peer != s)
		*err = -EPERM;
	else if (p && (p->shut & SHUT_RCV))
		*err = -EPIPE;
	return *err ? 0 : p;
}

static long send_message(struct usock *s, struct file *f, const struct kiovec *iov, int n, int flags,
			 const struct ukey *to, struct file **fds, unsigned *nfds)
{
	uint64_t len = iov_total(iov, n);
	long err;
	if (s->type == SOCK_SEQPACKET) {
		if (s->state != US_CONNECTED)
			return -ENOTCONN;
		to = 0;
	} else if (!to && !s->peer && !s->peer_closed) {
		return -ENOTCONN;
	}
	if (len > (uint64_t)s->sndbuf - 32)
		return -EMSGSIZE;
	if (s->shut & SHUT_SEND)
		return -EPIPE;
	uint64_t size = uq_size(len, s->name.len, *nfds);
	for (;;) {
		struct usock *p = destination(s, to, &err);
		if (!p)
			return err;
		bool full = uq_room(&p->q) < size || p->q.bytes >= (uint64_t)s->sndbuf ||
			    (s->type == SOCK_DGRAM && p->peer != s && p->q.nrec > DGRAM_QLEN);
		if (!full) {
			err = uq_append(&p->q, s->name.path, s->name.len, fds, *nfds, iov, n, 0, len, false);
			if (err)
				return err;
			*nfds = 0;
			unix_wake(p);
			return (long)len;
		}
		err = unix_wait(&p->wq, f, flags);
		if (err)
			return err;
	}
}

long unix_transmit(struct usock *s, struct file *f, const struct kiovec *iov, int n, int flags,
		   const struct ukey *to, const void *ucontrol, uint64_t controllen)
{
	struct file *fds[SCM_MAX_FD];
	unsigned nfds;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	long r = scm_in(ucontrol, ucontrol ? controllen : 0, fds, &nfds);
	if (r)
		return r;
	r = s->type == SOCK_STREAM ? send_stream(s, f, iov, n, flags, fds, &nfds)
				   : send_message(s, f, iov, n, flags, to, fds, &nfds);
	put_all(fds, nfds); /* those no message took */
	return r;
}

static long recv_stream(struct usock *s, struct file *f, const struct kiovec *iov, int n, int flags,
			struct uname *from, int *mflags, void *uc, uint64_t cap, uint64_t *used)
{
	uint64_t len = iov_total(iov, n), copied = 0, target = flags & MSG_WAITALL ? len : 1;
	if (s->state != US_CONNECTED)
		return -EINVAL;
	while (copied < len) {
		struct uq_rec r;
		if (!uq_first(&s->q, &r)) {
			if (copied >= target)
				break;
			if (s->err) {
				long err = -s->err;
				s->err = 0;
				return copied ? (long)copied : err;
			}
			if (s->shut & SHUT_RCV)
				break;
			long err = unix_wait(&s->wq, f, flags);
			if (err)
				return copied ? (long)copied : err;
			continue;
		}
		uint32_t k = r.len - r.used;
		if (k > len - copied)
			k = (uint32_t)(len - copied);
		if (uq_first_copy(&s->q, &r, r.used, k, iov, n, copied))
			return copied ? (long)copied : -EFAULT;
		if (from && !copied) {
			from->len = r.alen;
			uq_first_addr(&s->q, &r, from->path);
		}
		bool had_fds = r.nfds && !r.fds_taken;
		scm_out(&s->q, &r, flags, uc, cap, used, mflags);
		copied += k;
		if (flags & MSG_PEEK)
			break;
		uq_first_used(&s->q, &r, k);
		if (r.used == r.len)
			uq_drop(&s->q);
		unix_wake(s);
		if (had_fds)
			break; /* a read that took descriptors ends with their message */
	}
	return (long)copied;
}

static long recv_message(struct usock *s, struct file *f, const struct kiovec *iov, int n, int flags,
			 struct uname *from, int *mflags, void *uc, uint64_t cap, uint64_t *used)
{
	struct uq_rec r;
	if (s->type == SOCK_SEQPACKET && s->state != US_CONNECTED)
		return -ENOTCONN;
	for (;;) {
		if (s->err) {
			long err = -s->err;
			s->err = 0;
			return err;
		}
		if (uq_first(&s->q, &r))
			break;
		/* End of file: a seqpacket's peer shut down; a datagram socket its own reading, when blocking. */
		if ((s->shut & SHUT_RCV) && (s->type == SOCK_SEQPACKET || !nonblocking(f, flags)))
			return 0;
		long err = unix_wait(&s->wq, f, flags);
		if (err)
			return err;
	}
	uint64_t len = iov_total(iov, n);
	uint32_t k = len < r.len ? (uint32_t)len : r.len;
	if (uq_first_copy(&s->q, &r, 0, k, iov, n, 0))
		return -EFAULT;
	if (k < r.len)
		*mflags |= MSG_TRUNC;
	if (from) {
		from->len = r.alen;
		uq_first_addr(&s->q, &r, from->path);
	}
	scm_out(&s->q, &r, flags, uc, cap, used, mflags);
	if (!(flags & MSG_PEEK)) {
		uq_drop(&s->q);
		unix_wake(s);
	}
	return flags & MSG_TRUNC ? (long)r.len : (long)k;
}

long unix_receive(struct usock *s, struct file *f, const struct kiovec *iov, int n, int flags, struct uname *from,
		  int *msg_flags, void *ucontrol, uint64_t *controllen)
{
	uint64_t cap = controllen && ucontrol ? *controllen : 0, used = 0;
	int mflags = 0;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	long r = s->type == SOCK_STREAM ? recv_stream(s, f, iov, n, flags, from, &mflags, ucontrol, cap, &used)
					: recv_message(s, f, iov, n, flags, from, &mflags, ucontrol, cap, &used);
	if (controllen)
		*controllen = used;
	if (msg_flags)
		*msg_flags = mflags;
	return r;
}
