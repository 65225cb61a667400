/*
 * Sockets as the program's files: their slots and descriptors, waiting on
 * them, and what the TCP and UDP halves (sock_tcp.c, sock_udp.c) share:
 * copying out of pbufs and lwIP's errors as errnos.
 */
#include "kernel/uapi.h"

#include "lwip/err.h"

#include "sock.h"
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

static struct sock socks[SOCK_MAX];

struct sock *sock_alloc(int type)
{
	for (int i = 0; i < SOCK_MAX; i++)
		if (!socks[i].used) {
			socks[i] = (struct sock){ .used = true, .type = type,
						  .proto = type == SOCK_STREAM ? &tcp_proto : &udp_proto,
						  .sndbuf = 16384, .rcvbuf = 131072 };
			/* UDP's: net.core.wmem_default and rmem_default. */
			if (type != SOCK_STREAM)
				socks[i].sndbuf = socks[i].rcvbuf = SOCK_BUF_MAX;
			sockopt_init(&socks[i]);
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

struct sock *sock_lookup(int fd, struct file **fp, long *err)
{
	struct file *f = fd_get(fd);
	*err = !f ? -EBADF : f->ops != &sock_ops ? -ENOTSOCK : 0;
	if (*err)
		return 0;
	if (fp)
		*fp = f;
	return &socks[f->handle];
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
