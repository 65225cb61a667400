/* UDP sockets on lwIP's raw API: datagrams queue with their sender until received. */
#include "kernel/uapi.h"

#include "lwip/mem.h"
#include "lwip/udp.h"

#include "sock.h"
#include "kernel/kernel.h"
#include "kernel/events/poll.h"
#include "kernel/mm/uaccess.h"

#define UDP_MAX 65507 /* the largest IPv4 payload */

static void on_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr, u16_t port)
{
	struct sock *s = arg;
	(void)pcb;
	struct dgram *d;
	if (s->rx_bytes + p->tot_len > (uint32_t)s->rcvbuf || !(d = mem_malloc(sizeof(*d)))) {
		pbuf_free(p); /* a full queue drops, as UDP may */
		return;
	}
	*d = (struct dgram){ .p = p, .port = port };
	ip_addr_copy(d->addr, *addr);
	if (s->dg_tail)
		s->dg_tail->next = d;
	else
		s->dg_head = d;
	s->dg_tail = d;
	s->rx_bytes += p->tot_len;
	sock_wake(s);
}

/*
 * A datagram to one of our own addresses that no socket's port takes: Linux
 * answers it with an ICMP port unreachable, which a connected socket turns
 * into ECONNREFUSED for its next send or receive (so a resolver with no name
 * server on 127.0.0.1 gives up at once rather than after its timeouts).
 */
static bool nobody_there(const ip_addr_t *ip, uint16_t port)
{
	if (ip_addr_isany(ip) || !sock_addr_local(ip))
		return false;
	for (struct udp_pcb *p = udp_pcbs; p; p = p->next)
		if (p->local_port == port && (ip_addr_isany(&p->local_ip) || ip_addr_cmp(&p->local_ip, ip)))
			return false;
	return true;
}

/* The pending error, taken: what the next call reports. */
static long take_error(struct sock *s)
{
	long err = -s->err;
	s->err = 0;
	return err;
}

static long udp_open(struct sock *s)
{
	struct udp_pcb *pcb = udp_new_ip_type(s->family == AF_INET6 ? IPADDR_TYPE_ANY : IPADDR_TYPE_V4);
	if (!pcb)
		return -ENOMEM;
	s->pcb = pcb;
	udp_recv(pcb, on_recv, s);
	s->state = SS_UNCONNECTED;
	return 0;
}

static void udp_options(struct sock *s)
{
	struct udp_pcb *pcb = s->pcb;
	ip_opts_apply(s, &pcb->ttl, &pcb->tos);
	if (s->so.reuseaddr || s->reuseport)
		ip_set_option(pcb, SOF_REUSEADDR);
	else
		ip_reset_option(pcb, SOF_REUSEADDR);
}

static long udp_bind_(struct sock *s, const ip_addr_t *ip, uint16_t port)
{
	struct udp_pcb *pcb = s->pcb;
	if (pcb->local_port)
		return -EINVAL;
	udp_options(s);
	err_t e = udp_bind(pcb, ip, port);
	return e == ERR_OK ? 0 : -sock_errno(e);
}

static long udp_connect_(struct sock *s, struct file *f, const ip_addr_t *ip, uint16_t port)
{
	struct udp_pcb *pcb = s->pcb;
	(void)f;
	if (!ip) {
		udp_disconnect(pcb);
		s->state = SS_UNCONNECTED;
		return 0;
	}
	err_t e = udp_connect(pcb, ip, port);
	if (e != ERR_OK)
		return -sock_errno(e);
	s->state = SS_CONNECTED;
	return 0;
}

static long udp_listen_(struct sock *s, int backlog)
{
	(void)s;
	(void)backlog;
	return -EOPNOTSUPP;
}

static long udp_accept_(struct sock *s, struct file *f, struct sock **out)
{
	(void)s;
	(void)f;
	(void)out;
	return -EOPNOTSUPP;
}

static long udp_send_(struct sock *s, struct file *f, const struct kiovec *iov, int n, int flags,
		     const ip_addr_t *to, uint16_t port)
{
	struct udp_pcb *pcb = s->pcb;
	uint64_t len = iov_total(iov, n);
	(void)f;
	(void)flags;
	if (s->wr_shut)
		return -EPIPE;
	if (!to && s->state != SS_CONNECTED)
		return -EDESTADDRREQ;
	if (s->err)
		return take_error(s);
	if (len > UDP_MAX)
		return -EMSGSIZE;
	struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)len, PBUF_RAM);
	if (!p)
		return -ENOBUFS;
	uint64_t at = 0;
	for (int i = 0; i < n; i++) {
		if (copy_from_user((char *)p->payload + at, iov[i].base, iov[i].len)) {
			pbuf_free(p);
			return -EFAULT;
		}
		at += iov[i].len;
	}
	err_t e = to ? udp_sendto(pcb, p, to, port) : udp_send(pcb, p);
	pbuf_free(p);
	if (e == ERR_MEM)
		return -ENOBUFS;
	if (e == ERR_OK && s->state == SS_CONNECTED && nobody_there(to ? to : &pcb->remote_ip, to ? port : pcb->remote_port)) {
		s->err = ECONNREFUSED;
		sock_wake(s);
	}
	return e == ERR_OK ? (long)len : -sock_errno(e);
}

static long udp_recv_(struct sock *s, struct file *f, const struct kiovec *iov, int n, int flags,
		      ip_addr_t *from, uint16_t *port, int *msg_flags)
{
	uint64_t deadline = 0;
	while (!s->dg_head || s->err) {
		if (s->err)
			return take_error(s);
		if (s->rd_shut)
			return 0;
		long err = sock_wait(s, f, flags, s->rcvtimeo_ns, &deadline);
		if (err)
			return err;
	}
	struct dgram *d = s->dg_head;
	uint32_t len = d->p->tot_len;
	long got = sock_copy_out(iov, n, 0, d->p, 0, len);
	if (got < 0)
		return got;
	if (from) {
		ip_addr_copy(*from, d->addr);
		*port = d->port;
	}
	if ((uint32_t)got < len && msg_flags)
		*msg_flags |= MSG_TRUNC;
	if (!(flags & MSG_PEEK)) {
		s->dg_head = d->next;
		if (!s->dg_head)
			s->dg_tail = 0;
		s->rx_bytes -= len;
		pbuf_free(d->p);
		mem_free(d);
	}
	return flags & MSG_TRUNC ? (long)len : got;
}

static long udp_shutdown_(struct sock *s, int how)
{
	if (s->state != SS_CONNECTED)
		return -ENOTCONN;
	if (how != 1)
		s->rd_shut = true;
	if (how != 0)
		s->wr_shut = true;
	sock_wake(s);
	return 0;
}

static long udp_name(struct sock *s, bool peer, ip_addr_t *ip, uint16_t *port)
{
	struct udp_pcb *pcb = s->pcb;
	if (peer && s->state != SS_CONNECTED)
		return -ENOTCONN;
	ip_addr_copy(*ip, *(peer ? &pcb->remote_ip : &pcb->local_ip));
	*port = peer ? pcb->remote_port : pcb->local_port;
	return 0;
}

static unsigned udp_poll_(struct sock *s)
{
	return (s->dg_head || s->rd_shut ? POLL_READ : 0) | (s->err ? POLLERR : 0) | POLL_WRITE;
}

/* FIONREAD on a datagram socket: the size of the next datagram. */
static long udp_readable(struct sock *s)
{
	return s->dg_head ? s->dg_head->p->tot_len : 0;
}

static void udp_close_(struct sock *s)
{
	udp_remove(s->pcb);
	s->pcb = 0;
	while (s->dg_head) {
		struct dgram *d = s->dg_head;
		s->dg_head = d->next;
		pbuf_free(d->p);
		mem_free(d);
	}
	s->dg_tail = 0;
}

const struct sock_proto udp_proto = {
	.open = udp_open,
	.bind = udp_bind_,
	.connect = udp_connect_,
	.listen = udp_listen_,
	.accept = udp_accept_,
	.send = udp_send_,
	.recv = udp_recv_,
	.shutdown = udp_shutdown_,
	.name = udp_name,
	.poll = udp_poll_,
	.readable = udp_readable,
	.close = udp_close_,
	.options = udp_options,
};
