/*
 * TCP sockets on lwIP's raw API. lwIP calls back (under the kernel lock,
 * from net_poll or the timer path) when data, space, a connection or an
 * error arrives; the callbacks queue what came and wake the socket's waiters.
 * Received pbufs are linked one by one through next (no 64 KiB tot_len limit).
 */
#include "kernel/uapi.h"

#include "lwip/priv/tcp_priv.h"
#include "lwip/tcp.h"

#include "sock.h"
#include "kernel/kernel.h"
#include "kernel/events/poll.h"
#include "kernel/mm/uaccess.h"

#define COPY_CHUNK 65535 /* tcp_write takes a u16_t length */

/* Bytes copied from the program before tcp_write copies them on: not held across a sleep. */
static uint8_t bounce[COPY_CHUNK];

static void rx_free(struct sock *s)
{
	while (s->rx_head) {
		struct pbuf *p = s->rx_head;
		s->rx_head = p->next;
		p->next = 0;
		pbuf_free(p);
	}
	s->rx_tail = 0;
	s->rx_bytes = s->rx_off = 0;
}

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	struct sock *s = arg;
	(void)pcb;
	(void)err;
	if (!p) {
		s->rd_eof = true;
	} else {
		s->rx_bytes += p->tot_len;
		for (struct pbuf *q = p; q; q = q->next)
			q->tot_len = q->len; /* each stands alone in the queue */
		if (s->rx_tail)
			s->rx_tail->next = p;
		else
			s->rx_head = p;
		while (p->next)
			p = p->next;
		s->rx_tail = p;
	}
	sock_wake(s);
	return ERR_OK;
}

static err_t on_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
	(void)pcb;
	(void)len;
	sock_wake(arg);
	return ERR_OK;
}

/* lwIP freed the pcb (reset, timeout). */
static void on_err(void *arg, err_t err)
{
	struct sock *s = arg;
	s->pcb = 0;
	s->err = s->state == SS_CONNECTING && err == ERR_RST ? ECONNREFUSED : sock_errno(err);
	s->state = SS_CLOSED;
	sock_wake(s);
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct sock *s = arg;
	(void)pcb;
	(void)err;
	s->state = SS_CONNECTED;
	sock_wake(s);
	return ERR_OK;
}

static void attach(struct sock *s, struct tcp_pcb *pcb)
{
	s->pcb = pcb;
	tcp_arg(pcb, s);
	tcp_recv(pcb, on_recv);
	tcp_sent(pcb, on_sent);
	tcp_err(pcb, on_err);
}

static void detach(struct tcp_pcb *pcb)
{
	tcp_arg(pcb, 0);
	tcp_recv(pcb, 0);
	tcp_sent(pcb, 0);
	tcp_err(pcb, 0);
}

static void tcp_options(struct sock *s)
{
	struct tcp_pcb *pcb = s->pcb;
	if (!pcb)
		return;
	ip_opts_apply(s, &pcb->ttl, &pcb->tos);
	if (s->so.reuseaddr)
		ip_set_option(pcb, SOF_REUSEADDR);
	else
		ip_reset_option(pcb, SOF_REUSEADDR);
	if (pcb->state == LISTEN)
		return; /* a listen pcb has no more than that */
	tcp_opts_apply(s);
	if (s->so.keepalive)
		ip_set_option(pcb, SOF_KEEPALIVE);
	else
		ip_reset_option(pcb, SOF_KEEPALIVE);
	if (s->nodelay)
		tcp_nagle_disable(pcb);
	else
		tcp_nagle_enable(pcb);
}

static long tcp_open(struct sock *s)
{
	struct tcp_pcb *pcb = tcp_new_ip_type(s->family == AF_INET6 ? IPADDR_TYPE_ANY : IPADDR_TYPE_V4);
	if (!pcb)
		return -ENOMEM;
	attach(s, pcb);
	s->state = SS_UNCONNECTED;
	return 0;
}

static long tcp_bind_(struct sock *s, const ip_addr_t *ip, uint16_t port)
{
	struct tcp_pcb *pcb = s->pcb;
	if (!pcb || s->state != SS_UNCONNECTED || pcb->local_port)
		return -EINVAL;
	tcp_options(s);
	err_t e = tcp_bind(pcb, ip, port);
	return e == ERR_OK ? 0 : -sock_errno(e);
}

/* A connection completed on a listener: a socket for it, waiting for accept(2). */
static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct sock *l = arg, *s;
	if (err != ERR_OK || !pcb || !(s = sock_alloc(SOCK_STREAM)))
		return ERR_MEM;
	attach(s, pcb);
	s->state = SS_CONNECTED;
	s->family = l->family;
	s->v6only = l->v6only;
	s->so = l->so;
	s->tcp = l->tcp;
	s->tcp.cork_timer = false;
	s->ip = l->ip;
	s->nodelay = l->nodelay;
	s->sndbuf = l->sndbuf;
	s->rcvbuf = l->rcvbuf;
	tcp_options(s);
	tcp_backlog_delayed(pcb);
	if (l->pending_tail)
		l->pending_tail->next_pending = s;
	else
		l->pending_head = s;
	l->pending_tail = s;
	sock_wake(l);
	return ERR_OK;
}

static long tcp_listen_(struct sock *s, int backlog)
{
	s->backlog = backlog;
	if (s->state == SS_LISTENING)
		return 0;
	if (s->state != SS_UNCONNECTED || !s->pcb)
		return -EINVAL;
	struct tcp_pcb *pcb = s->pcb;
	tcp_options(s);
	if (!pcb->local_port) {
		err_t e = tcp_bind(pcb, IP4_ADDR_ANY, 0);
		if (e != ERR_OK)
			return -sock_errno(e);
	}
	err_t e;
	struct tcp_pcb *lpcb = tcp_listen_with_backlog_and_err(pcb, (u8_t)(backlog < 254 ? backlog + 1 : 255), &e);
	if (!lpcb)
		return -sock_errno(e);
	s->pcb = lpcb;
	tcp_arg(lpcb, s);
	tcp_accept(lpcb, on_accept);
	s->state = SS_LISTENING;
	return 0;
}

static long tcp_accept_(struct sock *s, struct file *f, struct sock **out)
{
	uint64_t deadline = 0;
	if (s->state != SS_LISTENING)
		return -EINVAL;
	while (!s->pending_head) {
		long err = sock_wait(s, f, 0, s->rcvtimeo_ns, &deadline);
		if (err)
			return err;
	}
	struct sock *ns = s->pending_head;
	s->pending_head = ns->next_pending;
	if (!s->pending_head)
		s->pending_tail = 0;
	ns->next_pending = 0;
	if (ns->pcb)
		tcp_backlog_accepted(ns->pcb);
	*out = ns;
	return 0;
}

static long tcp_connect_(struct sock *s, struct file *f, const ip_addr_t *ip, uint16_t port)
{
	uint64_t deadline = 0;
	if (!ip)
		return -EAFNOSUPPORT;
	switch (s->state) {
	case SS_LISTENING:
		return -EINVAL;
	case SS_CONNECTED:
		/* As Linux, the first connect after one that did not wait reports the connection. */
		if (s->connect_pending) {
			s->connect_pending = false;
			return 0;
		}
		return -EISCONN;
	case SS_CONNECTING:
		return -EALREADY;
	case SS_CLOSED:
		if (s->err) {
			long err = -s->err;
			s->err = 0;
			return err;
		}
		if (!s->pcb) {
			long err = tcp_open(s);
			if (err)
				return err;
		}
		break;
	case SS_UNCONNECTED:
		break;
	}
	tcp_options(s);
	err_t e = tcp_connect(s->pcb, ip, port, on_connected);
	if (e != ERR_OK)
		return -sock_errno(e);
	s->state = SS_CONNECTING;
	/* Not waiting: EINPROGRESS even if the answer is already in, as Linux. */
	if (f->flags & O_NONBLOCK) {
		s->connect_pending = true;
		return -EINPROGRESS;
	}
	while (s->state == SS_CONNECTING) {
		long err = sock_wait(s, f, 0, s->sndtimeo_ns, &deadline);
		s->connect_pending = err == -EAGAIN || err == -ERESTARTSYS;
		if (err == -EAGAIN)
			return -EINPROGRESS; /* SO_SNDTIMEO ran out: the connection goes on, as on Linux */
		if (err == -ERESTARTSYS)
			return -EINTR; /* connect goes on; Linux does not restart it either */
		if (err)
			return err;
	}
	if (s->state == SS_CLOSED && s->err) {
		long err = -s->err;
		s->err = 0;
		return err;
	}
	return 0;
}

/* Whether a write can go on now, else the error to give (0: wait). */
static long send_blocked(struct sock *s)
{
	if (s->err) {
		long err = -s->err;
		s->err = 0;
		return err;
	}
	if (s->wr_shut || (s->state != SS_CONNECTED && s->state != SS_CONNECTING))
		return -EPIPE; /* Linux's answer on a socket never connected, too */
	return 0;
}

static long tcp_send(struct sock *s, struct file *f, const struct kiovec *iov, int n, int flags,
		     const ip_addr_t *to, uint16_t port)
{
	uint64_t total = iov_total(iov, n), done = 0, deadline = 0;
	(void)to;
	(void)port;
	int i = 0;
	uint64_t at = 0; /* offset in iov[i] */
	while (done < total) {
		long err = send_blocked(s);
		if (err)
			return done ? (long)done : err;
		struct tcp_pcb *pcb = s->pcb;
		uint32_t room = s->state == SS_CONNECTED ? pcb->snd_buf : 0;
		if (!room || pcb->snd_queuelen >= TCP_SND_QUEUELEN - 1) {
			if (s->state == SS_CONNECTED)
				tcp_output(pcb);
			err = sock_wait(s, f, flags, s->sndtimeo_ns, &deadline);
			if (err)
				return done ? (long)done : err;
			continue;
		}
		uint64_t k = total - done;
		if (k > room)
			k = room;
		if (k > COPY_CHUNK)
			k = COPY_CHUNK;
		/* Gather k bytes from the iovecs. */
		int i0 = i;
		uint64_t at0 = at, got = 0;
		while (got < k) {
			while (at == iov[i].len) {
				i++;
				at = 0;
			}
			uint64_t c = iov[i].len - at < k - got ? iov[i].len - at : k - got;
			if (copy_from_user(bounce + got, (char *)iov[i].base + at, c))
				return done ? (long)done : -EFAULT;
			got += c;
			at += c;
		}
		bool more = done + k < total || (flags & MSG_MORE);
		err_t e = tcp_write(pcb, bounce, (u16_t)k, TCP_WRITE_FLAG_COPY | (more ? TCP_WRITE_FLAG_MORE : 0));
		if (e == ERR_MEM) {
			/* Gather them again once lwIP has memory. */
			i = i0;
			at = at0;
			tcp_output(pcb);
			err = sock_wait(s, f, flags, s->sndtimeo_ns, &deadline);
			if (err)
				return done ? (long)done : err;
			continue;
		}
		if (e != ERR_OK)
			return done ? (long)done : -sock_errno(e);
		done += k;
	}
	if (s->pcb && !(flags & MSG_MORE) && tcp_opts_push(s))
		tcp_output(s->pcb);
	return (long)done;
}

static long tcp_recv_(struct sock *s, struct file *f, const struct kiovec *iov, int n, int flags,
		      ip_addr_t *from, uint16_t *port, int *msg_flags)
{
	uint64_t want = iov_total(iov, n), done = 0, deadline = 0;
	(void)from;
	(void)port;
	(void)msg_flags;
	if (s->state == SS_LISTENING || s->state == SS_UNCONNECTED || s->state == SS_CONNECTING)
		return -ENOTCONN;
	if (!want)
		return 0;
	for (;;) {
		if (s->rx_bytes && !s->rd_shut) {
			uint64_t k = want - done < s->rx_bytes ? want - done : s->rx_bytes;
			long got = sock_copy_out(iov, n, done, s->rx_head, s->rx_off, (uint32_t)k);
			if (got < 0)
				return done ? (long)done : got;
			if (flags & MSG_PEEK)
				return got;
			done += (uint64_t)got;
			s->rx_bytes -= (uint32_t)got;
			s->rx_off += (uint32_t)got;
			while (s->rx_head && s->rx_off >= s->rx_head->len) {
				struct pbuf *p = s->rx_head;
				s->rx_off -= p->len;
				s->rx_head = p->next;
				p->next = 0;
				pbuf_free(p);
			}
			if (!s->rx_head)
				s->rx_tail = 0;
			for (long left = got; left > 0 && s->pcb; left -= 0xffff)
				tcp_recved(s->pcb, (u16_t)(left < 0xffff ? left : 0xffff));
			if (done == want || !(flags & MSG_WAITALL))
				return (long)done;
		}
		if (s->rd_shut || s->rd_eof)
			return (long)done;
		if (s->state == SS_CLOSED) {
			long err = s->err ? -s->err : 0;
			s->err = 0;
			return done ? (long)done : err;
		}
		long err = sock_wait(s, f, flags, s->rcvtimeo_ns, &deadline);
		if (err)
			return done ? (long)done : err;
	}
}

static long tcp_shutdown_(struct sock *s, int how)
{
	if (s->state != SS_CONNECTED && s->state != SS_CLOSED)
		return -ENOTCONN;
	if (how != SHUT_WR)
		s->rd_shut = true;
	if (how != SHUT_RD && !s->wr_shut) {
		s->wr_shut = true;
		if (s->pcb)
			tcp_shutdown(s->pcb, 0, 1);
	}
	sock_wake(s);
	return 0;
}

static long tcp_name(struct sock *s, bool peer, ip_addr_t *ip, uint16_t *port)
{
	struct tcp_pcb *pcb = s->pcb;
	if (peer && s->state != SS_CONNECTED)
		return -ENOTCONN;
	if (!pcb) {
		ip_addr_set_zero(ip);
		*port = 0;
		return 0;
	}
	if (peer) {
		ip_addr_copy(*ip, pcb->remote_ip);
		*port = pcb->remote_port;
	} else {
		ip_addr_copy(*ip, pcb->local_ip);
		*port = pcb->local_port;
	}
	return 0;
}

static unsigned tcp_poll_(struct sock *s)
{
	unsigned ev = 0;
	struct tcp_pcb *pcb = s->pcb;
	switch (s->state) {
	case SS_LISTENING:
		return s->pending_head ? POLL_READ : 0;
	case SS_CONNECTING:
		return 0;
	case SS_UNCONNECTED:
		return POLL_WRITE | POLLHUP;
	case SS_CLOSED:
		return POLL_READ | POLL_WRITE | POLLHUP | (s->err ? POLLERR : 0);
	case SS_CONNECTED:
		break;
	}
	if (s->rx_bytes || s->rd_eof || s->rd_shut)
		ev |= POLL_READ;
	if (s->rd_eof)
		ev |= POLLRDHUP;
	if (s->wr_shut || (pcb && pcb->snd_buf >= TCP_SNDLOWAT && pcb->snd_queuelen < TCP_SND_QUEUELEN / 2))
		ev |= POLL_WRITE;
	if (s->rd_eof && s->wr_shut)
		ev |= POLLHUP;
	return ev;
}

static long tcp_readable(struct sock *s)
{
	return s->state == SS_LISTENING ? -EINVAL : (long)s->rx_bytes;
}

/* Drop a connection lwIP gave but the program never accepted. */
static void drop_pending(struct sock *s)
{
	while (s->pending_head) {
		struct sock *ns = s->pending_head;
		s->pending_head = ns->next_pending;
		if (ns->pcb) {
			detach(ns->pcb);
			tcp_abort(ns->pcb);
		}
		rx_free(ns);
		sock_free(ns);
	}
	s->pending_tail = 0;
}

static void tcp_close_(struct sock *s)
{
	struct tcp_pcb *pcb = s->pcb;
	tcp_opts_close(s);
	drop_pending(s);
	if (pcb) {
		if (s->state == SS_LISTENING) {
			tcp_arg(pcb, 0);
			tcp_accept(pcb, 0);
			tcp_close(pcb);
		} else {
			detach(pcb);
			/* Unread data or SO_LINGER with 0 s: a reset, as Linux sends. */
			if (s->rx_bytes || (s->linger_on && !s->linger_sec) || tcp_close(pcb) != ERR_OK)
				tcp_abort(pcb);
		}
	}
	s->pcb = 0;
	rx_free(s);
}

const struct sock_proto tcp_proto = {
	.open = tcp_open,
	.bind = tcp_bind_,
	.connect = tcp_connect_,
	.listen = tcp_listen_,
	.accept = tcp_accept_,
	.send = tcp_send,
	.recv = tcp_recv_,
	.shutdown = tcp_shutdown_,
	.name = tcp_name,
	.poll = tcp_poll_,
	.readable = tcp_readable,
	.close = tcp_close_,
	.options = tcp_options,
};
