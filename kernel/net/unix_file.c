/*
 * AF_UNIX sockets as the program's files: their slots and descriptors,
 * waiting on them, closing them, and their file operations (read, write,
 * poll, FIONREAD, fstat).
 */
#include "kernel/uapi.h"

#include "kernel/fs/anonfile.h"
#include "kernel/kernel.h"
#include "kernel/fs/kstat.h"
#include "kernel/events/poll.h"
#include "kernel/mm/uaccess.h"
#include "sock_unix.h"
#include "unix.h"

#define UNIX_INO_BASE 200000

struct usock unix_socks[UNIX_MAX];
static const struct file_ops unix_ops;

static struct usock *free_slot(int type)
{
	for (int i = 0; i < UNIX_MAX; i++)
		if (!unix_socks[i].used) {
			unix_socks[i] = (struct usock){ .used = true, .type = type,
							 .sndbuf = UNIX_BUF, .rcvbuf = UNIX_BUF };
			return &unix_socks[i];
		}
	return 0;
}

struct usock *unix_alloc(int type)
{
	struct usock *s = free_slot(type);
	if (!s) {
		unix_gc();
		s = free_slot(type);
	}
	return s;
}

struct usock *unix_file_sock(struct file *f)
{
	return f->ops == &unix_ops ? &unix_socks[f->handle] : 0;
}

struct usock *unix_lookup(int fd, struct file **fp, long *err)
{
	struct file *f = fd_get(fd);
	*err = !f ? -EBADF : f->ops != &unix_ops ? -ENOTSOCK : 0;
	if (*err)
		return 0;
	if (fp)
		*fp = f;
	return &unix_socks[f->handle];
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

long unix_install(struct usock *s, int flags)
{
	long fd = anon_open(&unix_ops, (int)(s - unix_socks), flags);
	if (fd >= 0)
		s->file = fd_get((int)fd);
	return fd;
}

void unix_close(struct usock *s, bool embryo)
{
	while (s->pending_head) {
		struct usock *e = s->pending_head;
		s->pending_head = e->next_pending;
		unix_close(e, true);
	}
	struct usock *p = s->peer;
	if (p && unix_connection(s)) {
		p->shut = SHUT_RCV | SHUT_SEND;
		if (s->q.nrec || embryo)
			p->err = ECONNRESET;
	}
	for (int i = 0; i < UNIX_MAX; i++)
		if (unix_socks[i].used && unix_socks[i].peer == s) {
			unix_socks[i].peer = 0;
			unix_socks[i].peer_closed = !unix_connection(&unix_socks[i]);
			waitq_wake_all(&unix_socks[i].wq);
		}
	uq_clear(&s->q);
	waitq_wake_all(&s->wq);
	s->used = false;
}

static void unix_release(struct file *f)
{
	unix_close(&unix_socks[f->handle], false);
	/* It may have been what kept a cycle of passed sockets reachable. */
	unix_gc();
}

/* ---- the file ---- */

static long unix_readv(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	(void)offset;
	return unix_receive(&unix_socks[f->handle], f, iov, n, 0, 0, 0, 0, 0);
}

static long unix_writev(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	(void)offset;
	return unix_transmit(&unix_socks[f->handle], f, iov, n, 0, 0, 0, 0);
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
	struct usock *s = &unix_socks[f->handle];
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
	if (unix_connection(s) && s->state == US_UNCONNECTED)
		m |= POLLHUP;
	if (writable(s))
		m |= POLL_WRITE;
	return m;
}

static long unix_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	struct usock *s = &unix_socks[f->handle];
	struct uq_rec r;
	if (cmd != FIONREAD)
		return -ENOTTY;
	if (s->state == US_LISTENING)
		return -EINVAL;
	/* A stream's or seqpacket's unread bytes; a datagram socket's next datagram. */
	int32_t v = (int32_t)(unix_connection(s) ? s->q.bytes : uq_first(&s->q, &r) ? r.len : 0);
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
