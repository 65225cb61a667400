/* getsockopt(2) and setsockopt(2): the options Linux programs set, with Linux's sizes and errors; SOL_SOCKET's here. */
#include "kernel/uapi.h"

#include "sock.h"
#include "sock_unix.h"
#include "sockopt.h"
#include "socket.h"
#include "kernel/kernel.h"
#include "kernel/proc/proc.h"
#include "net.h"
#include "kernel/time/time.h"
#include "kernel/mm/uaccess.h"

#define IFNAMSIZ 16
#define LO_INDEX 1
#define DEV_INDEX 2 /* the host device, named as Linux names a VM's first one */

struct ktimeval {
	int64_t sec, usec;
};

struct klinger {
	int32_t onoff, linger;
};

void sockopt_init(struct sock *s)
{
	s->ip.ttl = s->ip.hops = -1;
	s->ip.pmtudisc = IP_PMTUDISC_WANT;
}

long sol_set(struct sol_opts *o, int name, const void *uval, uint64_t len)
{
	int32_t v;
	if (name == SO_BINDTODEVICE)
		return sol_set_device(o, uval, len);
	if (len < sizeof(v))
		return -EINVAL;
	if (copy_from_user(&v, uval, sizeof(v)))
		return -EFAULT;
	switch (name) {
	case SO_REUSEADDR: o->reuseaddr = v; break;
	case SO_KEEPALIVE: o->keepalive = v; break;
	case SO_BROADCAST: o->broadcast = v; break;
	case SO_OOBINLINE: o->oobinline = v; break;
	case SO_TIMESTAMP: o->timestamp = v; break;
	case SO_DONTROUTE: o->dontroute = v; break;
	case SO_PRIORITY:
		/* Above 6 needs CAP_NET_ADMIN: root's. */
		if ((v < 0 || v > 6) && boot->uid)
			return -EPERM;
		o->priority = v;
		break;
	case SO_RCVLOWAT: o->rcvlowat = v < 0 ? INT32_MAX : v; break;
	default: return -ENOPROTOOPT;
	}
	return 0;
}

long sol_get(const struct sol_opts *o, int name, int32_t *v)
{
	switch (name) {
	case SO_REUSEADDR: *v = o->reuseaddr; break;
	case SO_KEEPALIVE: *v = o->keepalive; break;
	case SO_BROADCAST: *v = o->broadcast; break;
	case SO_OOBINLINE: *v = o->oobinline; break;
	case SO_TIMESTAMP: *v = o->timestamp; break;
	case SO_DONTROUTE: *v = o->dontroute; break;
	case SO_PRIORITY: *v = o->priority; break;
	case SO_RCVLOWAT: *v = o->rcvlowat ? o->rcvlowat : 1; break;
	case SO_SNDLOWAT: *v = 1; break; /* fixed in Linux: setting it is ENOPROTOOPT */
	default: return -ENOPROTOOPT;
	}
	return 0;
}

/* Stored, not acted on: every route here leaves by the one interface that reaches it. */
long sol_set_device(struct sol_opts *o, const void *uval, uint64_t len)
{
	char name[IFNAMSIZ] = { 0 };
	if (len > IFNAMSIZ - 1)
		len = IFNAMSIZ - 1;
	if (copy_from_user(name, uval, len))
		return -EFAULT;
	if (!name[0])
		o->bound_dev = 0;
	else if (!strcmp(name, "lo"))
		o->bound_dev = LO_INDEX;
	else if (!strcmp(name, "eth0") && net_rx_queue)
		o->bound_dev = DEV_INDEX;
	else
		return -ENODEV;
	return 0;
}

long sol_get_device(const struct sol_opts *o, int32_t len, char *out, uint32_t *size)
{
	const char *name = o->bound_dev == LO_INDEX ? "lo" : "eth0";
	*size = 0;
	if (!o->bound_dev)
		return 0;
	if (len < IFNAMSIZ)
		return -EINVAL;
	*size = (uint32_t)strlen(name) + 1;
	memcpy(out, name, *size);
	return 0;
}

static long get_timeout(const void *uval, uint64_t len, uint64_t *ns)
{
	struct ktimeval tv;
	if (len < sizeof(tv))
		return -EINVAL;
	if (copy_from_user(&tv, uval, sizeof(tv)))
		return -EFAULT;
	if (tv.usec < 0 || tv.usec >= 1000000)
		return -EDOM;
	*ns = tv.sec < 0 ? 0 : (uint64_t)tv.sec * NSEC_PER_SEC + (uint64_t)tv.usec * 1000;
	return 0;
}

static long inet_sol_set(struct sock *s, int name, const void *uval, uint64_t len)
{
	int32_t v = 0;
	if (name == SO_RCVTIMEO || name == SO_SNDTIMEO)
		return get_timeout(uval, len, name == SO_RCVTIMEO ? &s->rcvtimeo_ns : &s->sndtimeo_ns);
	if (name == SO_LINGER) {
		struct klinger l;
		if (len < sizeof(l))
			return -EINVAL;
		if (copy_from_user(&l, uval, sizeof(l)))
			return -EFAULT;
		s->linger_on = l.onoff;
		s->linger_sec = l.linger;
		return 0;
	}
	long err = sol_set(&s->so, name, uval, len);
	if (err != -ENOPROTOOPT)
		return err;
	if (len < sizeof(v))
		return -EINVAL;
	if (copy_from_user(&v, uval, sizeof(v)))
		return -EFAULT;
	switch (name) {
	case SO_REUSEPORT: s->reuseport = v; break;
	case SO_SNDBUF:
	case SO_RCVBUF:
		*(name == SO_SNDBUF ? &s->sndbuf : &s->rcvbuf) = sock_buf_size(v);
		break;
	default: return -ENOPROTOOPT;
	}
	return 0;
}

long sock_setsockopt(int fd, int level, int name, const void *uval, uint64_t len)
{
	if (unix_fd(fd))
		return unix_setsockopt(fd, level, name, uval, len);
	long err;
	struct sock *s = sock_lookup(fd, 0, &err);
	if (!s)
		return err;
	if (level == SOL_SOCKET)
		err = inet_sol_set(s, name, uval, len);
	else if (level == IPPROTO_TCP && s->type == SOCK_STREAM)
		err = tcp_opt_set(s, name, uval, len);
	else
		err = ip_set(s, level, name, uval, len);
	if (err)
		return err;
	if (s->pcb)
		s->proto->options(s);
	net_poll();
	return 0;
}

/* SOL_SOCKET's options of sockets on lwIP into out (an int unless *size says otherwise). */
static long inet_sol_get(struct sock *s, int name, int32_t len, void *out, uint32_t *size)
{
	int32_t *v = out;
	uint64_t ns;
	if (len < 0)
		return -EINVAL;
	switch (name) {
	case SO_REUSEPORT: *v = s->reuseport; return 0;
	case SO_TYPE: *v = s->type; return 0;
	case SO_PROTOCOL: *v = s->type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP; return 0;
	case SO_DOMAIN: *v = s->family; return 0;
	case SO_ACCEPTCONN: *v = s->state == SS_LISTENING; return 0;
	case SO_SNDBUF: *v = s->sndbuf; return 0;
	case SO_RCVBUF: *v = s->rcvbuf; return 0;
	case SO_ERROR:
		*v = s->err;
		s->err = 0;
		return 0;
	case SO_RCVTIMEO:
	case SO_SNDTIMEO:
		ns = name == SO_RCVTIMEO ? s->rcvtimeo_ns : s->sndtimeo_ns;
		*(struct ktimeval *)out = (struct ktimeval){ (int64_t)(ns / NSEC_PER_SEC), (int64_t)(ns % NSEC_PER_SEC / 1000) };
		*size = sizeof(struct ktimeval);
		return 0;
	case SO_LINGER:
		*(struct klinger *)out = (struct klinger){ s->linger_on, s->linger_sec };
		*size = sizeof(struct klinger);
		return 0;
	case SO_PEERCRED:
		/* No process behind an IP peer: pid 0, uid and gid -1. */
		v[0] = 0;
		v[1] = v[2] = -1;
		*size = 3 * sizeof(int32_t);
		return 0;
	case SO_BINDTODEVICE:
		return sol_get_device(&s->so, len, out, size);
	default:
		return sol_get(&s->so, name, v);
	}
}

long sock_getsockopt(int fd, int level, int name, void *uval, void *ulen)
{
	if (unix_fd(fd))
		return unix_getsockopt(fd, level, name, uval, ulen);
	long err;
	struct sock *s = sock_lookup(fd, 0, &err);
	int32_t len;
	union {
		int32_t i;
		uint64_t align;
		unsigned char b[OPT_OUT_MAX];
	} out;
	uint32_t size = sizeof(int32_t);
	if (!s)
		return err;
	if (copy_from_user(&len, ulen, sizeof(len)))
		return -EFAULT;
	net_poll();
	memset(&out, 0, sizeof(out));
	if (level == SOL_SOCKET)
		err = inet_sol_get(s, name, len, &out, &size);
	else if (level == IPPROTO_TCP && s->type == SOCK_STREAM)
		err = tcp_opt_get(s, name, len, &out, &size);
	else
		err = ip_get(s, level, name, len, &out, &size);
	if (err)
		return err;
	/* IPv6's level reads len unsigned, as Linux does: -1 is room enough. */
	if (len < 0 || (uint32_t)len > size)
		len = (int32_t)size;
	if (copy_to_user(uval, &out, (uint32_t)len) || copy_to_user(ulen, &len, sizeof(len)))
		return -EFAULT;
	return 0;
}
