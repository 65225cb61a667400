/*
 * AF_INET and AF_INET6 addresses: the program's struct sockaddr_in and
 * sockaddr_in6 as lwIP's addresses and back, as Linux reads and writes them.
 */
#include "kernel/uapi.h"

#include "lwip/netif.h"

#include "sock.h"
#include "kernel/kernel.h"
#include "kernel/mm/uaccess.h"

#define SIN6_LEN_RFC2133 24 /* Linux takes one without scope_id */

/*
 * An AF_INET6 socket's address as lwIP's: an IPv4-mapped one (::ffff:a.b.c.d) is the
 * IPv4 address, and :: both families unless the socket is IPv6-only; a link-local
 * one is on the device (the one interface that has such addresses).
 */
static void addr6_in(const struct sockaddr_in6 *sa, bool v6only, ip_addr_t *ip)
{
	const uint32_t *w = sa->sin6_addr.s6_addr32;
	if (!v6only && !w[0] && !w[1] && w[2] == lwip_htonl(0xffff)) {
		ip_addr_set_ip4_u32(ip, w[3]);
		return;
	}
	if (!v6only && !(w[0] | w[1] | w[2] | w[3])) {
		ip_addr_copy(*ip, *IP_ANY_TYPE);
		return;
	}
	IP_ADDR6(ip, w[0], w[1], w[2], w[3]);
	if (netif_default)
		ip6_addr_assign_zone(ip_2_ip6(ip), IP6_UNKNOWN, netif_default);
}

/* The program's sockaddr for socket s as lwIP's address; *unspec for AF_UNSPEC. */
long sock_addr_in(const struct sock *s, const void *uaddr, uint64_t len, ip_addr_t *ip, uint16_t *port,
		  bool *unspec)
{
	union {
		uint16_t family;
		struct sockaddr_in v4;
		struct sockaddr_in6 v6;
	} sa;
	if (len > 128)
		return -EINVAL;
	if (len < sizeof(uint16_t))
		return -EINVAL;
	memset(&sa, 0, sizeof(sa));
	if (copy_from_user(&sa, uaddr, len < sizeof(sa) ? len : sizeof(sa)))
		return -EFAULT;
	*unspec = sa.family == AF_UNSPEC;
	if (*unspec)
		return 0;
	if (s->family == AF_INET6) {
		if (len < SIN6_LEN_RFC2133)
			return -EINVAL;
		if (sa.family != AF_INET6)
			return -EAFNOSUPPORT;
		addr6_in(&sa.v6, s->v6only, ip);
		*port = lwip_ntohs(sa.v6.sin6_port);
		return 0;
	}
	if (len < sizeof(sa.v4))
		return -EINVAL;
	if (sa.family != AF_INET)
		return -EAFNOSUPPORT;
	ip_addr_set_ip4_u32(ip, sa.v4.sin_addr.s_addr);
	*port = lwip_ntohs(sa.v4.sin_port);
	return 0;
}

/*
 * Write an address out as getsockname(2) does for socket s: truncated to *ulen, which
 * gets the full size. An AF_INET6 socket shows an IPv4 peer IPv4-mapped.
 */
long sock_addr_out(const struct sock *s, void *uaddr, void *ulen, const ip_addr_t *ip, uint16_t port)
{
	if (!uaddr)
		return 0;
	int32_t len;
	if (copy_from_user(&len, ulen, sizeof(len)))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	union {
		struct sockaddr_in v4;
		struct sockaddr_in6 v6;
	} sa;
	uint32_t full = sizeof(sa.v4);
	memset(&sa, 0, sizeof(sa));
	if (s->family == AF_INET6) {
		full = sizeof(sa.v6);
		sa.v6.sin6_family = AF_INET6;
		sa.v6.sin6_port = lwip_htons(port);
		if (IP_IS_V6(ip)) {
			memcpy(sa.v6.sin6_addr.s6_addr32, ip_2_ip6(ip)->addr, sizeof(sa.v6.sin6_addr));
			sa.v6.sin6_scope_id = ip6_addr_zone(ip_2_ip6(ip));
		} else if (!ip_addr_isany(ip)) {
			sa.v6.sin6_addr.s6_addr32[2] = lwip_htonl(0xffff);
			sa.v6.sin6_addr.s6_addr32[3] = ip4_addr_get_u32(ip_2_ip4(ip));
		}
	} else {
		sa.v4 = (struct sockaddr_in){ .sin_family = AF_INET, .sin_port = lwip_htons(port),
					      .sin_addr.s_addr = ip4_addr_get_u32(ip_2_ip4(ip)) };
	}
	if (copy_to_user(uaddr, &sa, (uint32_t)len < full ? (uint32_t)len : full) ||
	    copy_to_user(ulen, &full, sizeof(full)))
		return -EFAULT;
	return 0;
}

/* Is ip one of ours (any, the 127/8 loopback net, ::1, or an interface's)? */
bool sock_addr_local(const ip_addr_t *ip)
{
	if (ip_addr_isany(ip))
		return true;
	struct netif *n;
	if (IP_IS_V6(ip)) {
		NETIF_FOREACH(n) {
			if (netif_get_ip6_addr_match(n, ip_2_ip6(ip)) >= 0)
				return true;
		}
		return false;
	}
	if (lwip_ntohl(ip4_addr_get_u32(ip_2_ip4(ip))) >> 24 == 127)
		return true;
	NETIF_FOREACH(n) {
		if (ip4_addr_cmp(ip_2_ip4(ip), netif_ip4_addr(n)))
			return true;
	}
	return false;
}
