/*
 * uhyve-run --net: what the user asked for (--net, --ip, --gateway, --mac,
 * --ip6, --gateway6),
 * the tap device opened before the VM exists, and the device's rings placed
 * in guest memory for the kernel to find (boot_info.net_gpa).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cocoon/hypercall.h"
#include "log.h"
#include "net.h"
#include "steer.h"
#include "tap.h"

#define DEFAULT_IP "10.0.2.15/24"
#define DEFAULT_MAC "02:c0:c0:00:00:01"

static struct {
	const char *tap, *ip, *gateway, *mac, *ip6, *gateway6;
	int fd;
	uint32_t addr, netmask, gw;
	uint8_t hwaddr[6];
	struct in6_addr addr6, gw6;
	unsigned mtu;
} net = { .fd = -1 };

void net_option(int opt, const char *arg)
{
	switch (opt) {
	case NET_OPT_NET:
		if (strncmp(arg, "tap:", 4) != 0 || !arg[4])
			die(EXIT_MONITOR_FAILED, "--net %s: expected tap:NAME", arg);
		net.tap = arg + 4;
		break;
	case NET_OPT_IP: net.ip = arg; break;
	case NET_OPT_GATEWAY: net.gateway = arg; break;
	case NET_OPT_MAC: net.mac = arg; break;
	case NET_OPT_IP6: net.ip6 = arg; break;
	case NET_OPT_GATEWAY6: net.gateway6 = arg; break;
	}
}

static uint32_t parse_addr(const char *opt, const char *s)
{
	struct in_addr a;
	if (inet_pton(AF_INET, s, &a) != 1)
		die(EXIT_MONITOR_FAILED, "%s %s: expected an IPv4 address", opt, s);
	return a.s_addr;
}

static struct in6_addr parse_addr6(const char *opt, const char *s)
{
	struct in6_addr a;
	if (inet_pton(AF_INET6, s, &a) != 1 || IN6_IS_ADDR_UNSPECIFIED(&a) || IN6_IS_ADDR_MULTICAST(&a) ||
	    IN6_IS_ADDR_V4MAPPED(&a) || IN6_IS_ADDR_LOOPBACK(&a))
		die(EXIT_MONITOR_FAILED, "%s %s: expected a unicast IPv6 address", opt, s);
	return a;
}

/* lwIP takes a static IPv6 address's /64 as on-link: other prefixes would route wrongly. */
static void parse_config6(void)
{
	if (!net.ip6) {
		if (net.gateway6)
			die(EXIT_MONITOR_FAILED, "--gateway6 needs --ip6");
		return;
	}
	char addr[INET6_ADDRSTRLEN];
	const char *slash = strchr(net.ip6, '/');
	size_t len = slash ? (size_t)(slash - net.ip6) : strlen(net.ip6);
	if (len >= sizeof(addr) || (slash && strcmp(slash, "/64") != 0))
		die(EXIT_MONITOR_FAILED, "--ip6 %s: expected ADDRESS or ADDRESS/64", net.ip6);
	memcpy(addr, net.ip6, len);
	addr[len] = 0;
	net.addr6 = parse_addr6("--ip6", addr);
	if (IN6_IS_ADDR_LINKLOCAL(&net.addr6))
		die(EXIT_MONITOR_FAILED, "--ip6 %s: the link-local address is the MAC's; give a global or unique local one",
		    net.ip6);
	if (net.gateway6) {
		net.gw6 = parse_addr6("--gateway6", net.gateway6);
	} else {
		memcpy(net.gw6.s6_addr, net.addr6.s6_addr, 8);
		memset(net.gw6.s6_addr + 8, 0, 7);
		net.gw6.s6_addr[15] = 1;
	}
}

/* --ip and --gateway; all zero for --ip dhcp, which the kernel takes to mean ask DHCP. */
static void parse_ip4(void)
{
	if (net.ip && strcmp(net.ip, "dhcp") == 0) {
		if (net.gateway)
			die(EXIT_MONITOR_FAILED, "--gateway: with --ip dhcp the DHCP server gives the route");
		return;
	}
	const char *ip = net.ip ? net.ip : DEFAULT_IP;
	char addr[INET_ADDRSTRLEN + 4];
	const char *slash = strchr(ip, '/');
	char *end;
	unsigned long prefix = slash ? strtoul(slash + 1, &end, 10) : 0;
	if (!slash || (size_t)(slash - ip) >= sizeof(addr) || !slash[1] || *end || prefix < 1 || prefix > 30)
		die(EXIT_MONITOR_FAILED, "--ip %s: expected ADDRESS/PREFIX (prefix 1..30)", ip);
	memcpy(addr, ip, (size_t)(slash - ip));
	addr[slash - ip] = 0;
	net.addr = parse_addr("--ip", addr);
	if (!net.addr)
		die(EXIT_MONITOR_FAILED, "--ip %s: 0.0.0.0 is no address (for DHCP: --ip dhcp)", ip);
	net.netmask = htonl(~0u << (32 - prefix));
	/* The default gateway: the subnet's first address. */
	net.gw = net.gateway ? parse_addr("--gateway", net.gateway)
			     : htonl((ntohl(net.addr) & ntohl(net.netmask)) + 1);
}

static void parse_mac(void)
{
	const char *mac = net.mac ? net.mac : DEFAULT_MAC;
	unsigned b[6];
	char tail;
	if (sscanf(mac, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &tail) != 6 ||
	    (b[0] & 1))
		die(EXIT_MONITOR_FAILED, "--mac %s: expected a unicast address like %s", mac, DEFAULT_MAC);
	for (int i = 0; i < 6; i++)
		net.hwaddr[i] = (uint8_t)b[i];
}

static void parse_config(void)
{
	parse_ip4();
	parse_mac();
	parse_config6();
}

void net_open(void)
{
	if (!net.tap) {
		if (net.ip || net.gateway || net.mac || net.ip6 || net.gateway6)
			die(EXIT_MONITOR_FAILED, "--ip, --gateway, --mac, --ip6 and --gateway6 need --net tap:NAME");
		return;
	}
	parse_config();
	struct ifreq ifr = { 0 };
	if (strlen(net.tap) >= sizeof(ifr.ifr_name))
		die(EXIT_MONITOR_FAILED, "--net tap:%s: name too long", net.tap);
	char sys[64 + IFNAMSIZ];
	struct stat st;
	snprintf(sys, sizeof(sys), "/sys/class/net/%s", net.tap);
	if (strchr(net.tap, '/') || stat(sys, &st) != 0)
		die(EXIT_MONITOR_FAILED, "--net tap:%s: no such network device (create it: ip tuntap add dev %s mode tap)",
		    net.tap, net.tap);
	snprintf(sys, sizeof(sys), "/sys/class/net/%s/tun_flags", net.tap);
	if (stat(sys, &st) != 0)
		die(EXIT_MONITOR_FAILED, "--net tap:%s: not a tap device", net.tap);

	net.fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);
	if (net.fd < 0)
		die(EXIT_MONITOR_FAILED, "--net tap:%s: /dev/net/tun: %s", net.tap, strerror(errno));
	strcpy(ifr.ifr_name, net.tap);
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	if (ioctl(net.fd, TUNSETIFF, &ifr) < 0)
		die(EXIT_MONITOR_FAILED, "--net tap:%s: cannot attach: %s", net.tap,
		    errno == EINVAL ? "not a tap device, or in use with other flags" : strerror(errno));

	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, net.tap);
	net.mtu = s >= 0 && ioctl(s, SIOCGIFMTU, &ifr) == 0 && ifr.ifr_mtu > 0 ? (unsigned)ifr.ifr_mtu : 1500;
	if (s >= 0)
		close(s);
	/* Larger frames than the guest takes are dropped; TCP's MSS follows the guest's MTU. */
	if (net.mtu > HC_NET_MAX_MTU)
		net.mtu = HC_NET_MAX_MTU;
	if (net.mtu < 576)
		die(EXIT_MONITOR_FAILED, "--net tap:%s: MTU %u is below IPv4's minimum 576", net.tap, net.mtu);
}

void net_place(struct guest *g, struct boot_info *bi, uint64_t keep_free, bool share_cpu)
{
	if (net.fd < 0)
		return;
	/* A frame: the MTU and the Ethernet header, rounded to a cache line. */
	uint32_t slot_size = (net.mtu + 14 + 63) & ~63u;
	uint64_t size = HC_NET_HEADER + 2ULL * HC_NET_SLOTS * slot_size;
	uint64_t gpa = bi->free_start;
	struct hc_net *dev = guest_ptr(g, gpa, size);
	bi->free_start = (gpa + size + 4095) & ~4095ULL;
	if (!dev || bi->free_start > g->size || g->size - bi->free_start < keep_free)
		die(EXIT_NOT_EXECUTABLE, "the network device does not fit in guest memory (raise --mem)");
	dev->slot_size = slot_size;
	bi->net_gpa = gpa;
	bi->net_ip = net.addr;
	bi->net_netmask = net.netmask;
	bi->net_gateway = net.gw;
	bi->net_mtu = (uint16_t)net.mtu;
	memcpy(bi->net_mac, net.hwaddr, sizeof(net.hwaddr));
	if (net.ip6) {
		memcpy(bi->net_ip6, net.addr6.s6_addr, 16);
		memcpy(bi->net_gateway6, net.gw6.s6_addr, 16);
	}
	int cpu = share_cpu ? sched_getcpu() : -1;
	if (cpu >= 0)
		steer_start(net.tap, cpu);
	tap_start(g, net.fd, dev, gpa + HC_NET_HEADER, slot_size, cpu);
}
