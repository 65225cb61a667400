/* getsockopt(2) and setsockopt(2): the options Linux programs set, with Linux's sizes and errors. */
#include "kernel/uapi.h"

#include "sock.h"
#include "sock_unix.h"
#include "socket.h"
#include "kernel/kernel.h"
#include "net.h"
#include "kernel/time/time.h"
#include "kernel/mm/uaccess.h"

struct ktimeval {
	int64_t sec, usec;
};

struct klinger {
	int32_t onoff, linger;
};

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

long sock_setsockopt(int fd, int level, int name, const void *uval, uint64_t len)
{
	if (unix_fd(fd))
		return unix_setsockopt(fd, level, name, uval, len);
	long err;
	struct sock *s = sock_lookup(fd, 0, &err);
	int32_t v = 0;
	if (!s)
		return err;
	if (level == SOL_SOCKET && (name == SO_RCVTIMEO || name == SO_SNDTIMEO))
		return get_timeout(uval, len, name == SO_RCVTIMEO ? &s->rcvtimeo_ns : &s->sndtimeo_ns);
	if (level == SOL_SOCKET && name == SO_LINGER) {
		struct klinger l;
		if (len < sizeof(l))
			return -EINVAL;
		if (copy_from_user(&l, uval, sizeof(l)))
			return -EFAULT;
		s->linger_on = l.onoff;
		s->linger_sec = l.linger;
		return 0;
	}
	if (len < sizeof(v))
		return -EINVAL;
	if (copy_from_user(&v, uval, sizeof(v)))
		return -EFAULT;
	if (level == SOL_SOCKET) {
		switch (name) {
		case SO_REUSEADDR: s->reuseaddr = v; break;
		case SO_REUSEPORT: s->reuseport = v; break;
		case SO_KEEPALIVE: s->keepalive = v; break;
		case SO_BROADCAST: break;
		case SO_SNDBUF:
		case SO_RCVBUF: {
			int64_t b = 2 * (int64_t)(v < 0 ? 0 : v);
			b = b < SOCK_BUF_MIN ? SOCK_BUF_MIN : b > SOCK_BUF_MAX ? SOCK_BUF_MAX : b;
			*(name == SO_SNDBUF ? &s->sndbuf : &s->rcvbuf) = (int)b;
			break;
		}
		default: return -ENOPROTOOPT;
		}
	} else if (level == IPPROTO_TCP && s->type == SOCK_STREAM) {
		if (name != TCP_NODELAY)
			return -ENOPROTOOPT;
		s->nodelay = v;
	} else if (level == IPPROTO_IPV6 && s->family == AF_INET6 && name == IPV6_V6ONLY) {
		/* As Linux: fixed once the socket has an address. */
		ip_addr_t ip;
		uint16_t port = 0;
		if (s->state != SS_UNCONNECTED || s->proto->name(s, false, &ip, &port) || port)
			return -EINVAL;
		s->v6only = v;
	} else
		return -ENOPROTOOPT;
	if (s->pcb)
		s->proto->options(s);
	net_poll();
	return 0;
}

long sock_getsockopt(int fd, int level, int name, void *uval, void *ulen)
{
	if (unix_fd(fd))
		return unix_getsockopt(fd, level, name, uval, ulen);
	long err;
	struct sock *s = sock_lookup(fd, 0, &err);
	int32_t len, v;
	union {
		int32_t i;
		struct ktimeval tv;
		struct klinger l;
	} out;
	uint32_t size = sizeof(v);
	if (!s)
		return err;
	if (copy_from_user(&len, ulen, sizeof(len)))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	net_poll();
	if (level == SOL_SOCKET) {
		switch (name) {
		case SO_REUSEADDR: v = s->reuseaddr; break;
		case SO_REUSEPORT: v = s->reuseport; break;
		case SO_KEEPALIVE: v = s->keepalive; break;
		case SO_TYPE: v = s->type; break;
		case SO_PROTOCOL: v = s->type == SOCK_STREAM ? IPPROTO_TCP : 17; break;
		case SO_DOMAIN: v = s->family; break;
		case SO_ACCEPTCONN: v = s->state == SS_LISTENING; break;
		case SO_SNDBUF: v = s->sndbuf; break;
		case SO_RCVBUF: v = s->rcvbuf; break;
		case SO_BROADCAST: v = 0; break;
		case SO_ERROR:
			v = s->err;
			s->err = 0;
			break;
		case SO_RCVTIMEO:
		case SO_SNDTIMEO: {
			uint64_t ns = name == SO_RCVTIMEO ? s->rcvtimeo_ns : s->sndtimeo_ns;
			out.tv = (struct ktimeval){ (int64_t)(ns / NSEC_PER_SEC), (int64_t)(ns % NSEC_PER_SEC / 1000) };
			size = sizeof(out.tv);
			goto copy;
		}
		case SO_LINGER:
			out.l = (struct klinger){ s->linger_on, s->linger_sec };
			size = sizeof(out.l);
			goto copy;
		default: return -ENOPROTOOPT;
		}
	} else if (level == IPPROTO_TCP && s->type == SOCK_STREAM && name == TCP_NODELAY)
		v = s->nodelay;
	else if (level == IPPROTO_IPV6 && s->family == AF_INET6 && name == IPV6_V6ONLY)
		v = s->v6only;
	else
		return -ENOPROTOOPT;
	out.i = v;
copy:
	if ((uint32_t)len > size)
		len = (int32_t)size;
	if (copy_to_user(uval, &out, (uint32_t)len) || copy_to_user(ulen, &len, sizeof(len)))
		return -EFAULT;
	return 0;
}
