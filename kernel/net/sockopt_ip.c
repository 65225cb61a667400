/*
 * setsockopt(2) and getsockopt(2) at IPPROTO_IP and IPPROTO_IPV6 (and the
 * answers for levels a socket lacks), as Linux gives them: TTL, TOS and their
 * IPv6 counterparts reach lwIP's pcb; the flags asking for ancillary data or
 * looser binding are kept to be read back.
 */
#include "kernel/uapi.h"

#include "sock.h"
#include "sockopt.h"
#include "kernel/kernel.h"
#include "kernel/mm/uaccess.h"

#define DEFAULT_TTL 64
#define ECN_MASK 3 /* TCP keeps the ECN bits of TOS and traffic class its own */

/* IPPROTO_IP reads an int, or a byte when given less, or 0 when given nothing. */
static long ip_value(const void *uval, uint64_t len, int32_t *v)
{
	uint8_t c;
	*v = 0;
	if (len >= sizeof(*v))
		return copy_from_user(v, uval, sizeof(*v)) ? -EFAULT : 0;
	if (len >= 1) {
		if (copy_from_user(&c, uval, 1))
			return -EFAULT;
		*v = c;
	}
	return 0;
}

static long ip4_set(struct sock *s, int name, const void *uval, uint64_t len)
{
	struct ip_opts *o = &s->ip;
	int32_t v;
	bool *flag = 0;
	switch (name) {
	case IP_TOS: case IP_TTL: case IP_MTU_DISCOVER: case IP_PKTINFO: case IP_FREEBIND:
	case IP_BIND_ADDRESS_NO_PORT: case IP_RECVERR:
		break;
	default:
		return -ENOPROTOOPT;
	}
	long err = ip_value(uval, len, &v);
	if (err)
		return err;
	switch (name) {
	case IP_TOS:
		o->tos = (uint8_t)(s->type == SOCK_STREAM ? v & ~ECN_MASK : v);
		return 0;
	case IP_TTL:
		if (len < 1 || (v != -1 && (v < 1 || v > 255)))
			return -EINVAL;
		o->ttl = v;
		return 0;
	case IP_MTU_DISCOVER:
		if (v < IP_PMTUDISC_DONT || v > IP_PMTUDISC_OMIT)
			return -EINVAL;
		o->pmtudisc = v;
		return 0;
	case IP_PKTINFO: flag = &o->pktinfo; break;
	case IP_FREEBIND: flag = &o->freebind; break;
	case IP_BIND_ADDRESS_NO_PORT: flag = &o->bind_no_port; break;
	case IP_RECVERR: flag = &o->recverr; break;
	}
	*flag = v != 0;
	return 0;
}

static long ip6_set(struct sock *s, int name, const void *uval, uint64_t len)
{
	struct ip_opts *o = &s->ip;
	int32_t v;
	switch (name) {
	case IPV6_V6ONLY: case IPV6_TCLASS: case IPV6_UNICAST_HOPS: case IPV6_RECVPKTINFO:
		break;
	default:
		return -ENOPROTOOPT;
	}
	if (len < sizeof(v))
		return -EINVAL;
	if (copy_from_user(&v, uval, sizeof(v)))
		return -EFAULT;
	switch (name) {
	case IPV6_V6ONLY: {
		/* As Linux: fixed once the socket has an address. */
		ip_addr_t ip;
		uint16_t port = 0;
		if (s->state != SS_UNCONNECTED || s->proto->name(s, false, &ip, &port) || port)
			return -EINVAL;
		s->v6only = v;
		return 0;
	}
	case IPV6_TCLASS:
		if (v < -1 || v > 255)
			return -EINVAL;
		if (v == -1)
			v = 0;
		o->tclass = s->type == SOCK_STREAM ? v & ~ECN_MASK : v;
		return 0;
	case IPV6_UNICAST_HOPS:
		if (v < -1 || v > 255)
			return -EINVAL;
		o->hops = v;
		return 0;
	default:
		o->recvpktinfo = v != 0;
		return 0;
	}
}

long ip_set(struct sock *s, int level, int name, const void *uval, uint64_t len)
{
	if (level == IPPROTO_IP)
		return ip4_set(s, name, uval, len);
	if (level == IPPROTO_IPV6 && s->family == AF_INET6)
		return ip6_set(s, name, uval, len);
	return -ENOPROTOOPT;
}

static long ip4_get(struct sock *s, int name, int32_t len, int32_t *v, uint32_t *size)
{
	const struct ip_opts *o = &s->ip;
	if (len < 0)
		return -EINVAL;
	switch (name) {
	case IP_TOS: *v = o->tos; break;
	case IP_TTL: *v = o->ttl < 0 ? DEFAULT_TTL : o->ttl; break;
	case IP_MTU_DISCOVER: *v = o->pmtudisc; break;
	case IP_PKTINFO: *v = o->pktinfo; break;
	case IP_FREEBIND: *v = o->freebind; break;
	case IP_BIND_ADDRESS_NO_PORT: *v = o->bind_no_port; break;
	case IP_RECVERR: *v = o->recverr; break;
	default: return -ENOPROTOOPT;
	}
	/* Less room than an int: a byte, if the value fits one (the low byte, on x86). */
	if (len > 0 && len < (int32_t)sizeof(*v) && *v >= 0 && *v <= 255)
		*size = 1;
	return 0;
}

static long ip6_get(struct sock *s, int name, int32_t *v)
{
	const struct ip_opts *o = &s->ip;
	switch (name) {
	case IPV6_V6ONLY: *v = s->v6only; break;
	case IPV6_TCLASS: *v = o->tclass; break;
	case IPV6_UNICAST_HOPS: *v = o->hops < 0 ? DEFAULT_TTL : o->hops; break;
	case IPV6_RECVPKTINFO: *v = o->recvpktinfo; break;
	default: return -ENOPROTOOPT;
	}
	return 0;
}

long ip_get(struct sock *s, int level, int name, int32_t len, void *out, uint32_t *size)
{
	if (level == IPPROTO_IP)
		return ip4_get(s, name, len, out, size);
	if (s->family == AF_INET6)
		return level == IPPROTO_IPV6 ? ip6_get(s, name, out) : -ENOPROTOOPT;
	/* An IPv4 socket passes other levels on to IPPROTO_IP's, which calls them unsupported. */
	return -EOPNOTSUPP;
}

void ip_opts_apply(struct sock *s, uint8_t *ttl, uint8_t *tos)
{
	int t = s->family == AF_INET6 ? s->ip.hops : s->ip.ttl;
	*ttl = (uint8_t)(t < 0 ? DEFAULT_TTL : t);
	*tos = (uint8_t)(s->family == AF_INET6 ? s->ip.tclass : s->ip.tos);
}
