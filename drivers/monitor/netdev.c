/*
 * The network device, guest side (struct hc_net): an lwIP Ethernet interface
 * whose frames go through rings the monitor's tap thread serves. Sending
 * costs a kick only when that thread sleeps; receiving asks for an interrupt
 * only once the ring is drained.
 */
#include "lwip/dhcp.h"
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/prot/ip.h"
#include "lwip/priv/tcp_priv.h"
#include "netif/ethernet.h"

#include "arch/x86_64/cpu.h"
#include "kernel/mm/frame.h"
#include "kernel/kernel.h"
#include "kernel/net/net.h"
#include "kernel/time/ticks.h"
#include "netdev.h"

#define FULL_WAIT_NS 2000000 /* a full tx ring waited on this long, then the frame is lost */
#define FLUSH_NS 1000000000 /* at exit, how long the monitor gets to send what is queued */
#define RX_POOL_BYTES (2u << 20)
#define RX_RESERVE 64 /* buffers only frames without TCP data may take */

static struct netif netif;
static ip6_addr_t gateway6;
static struct hc_net *dev;
static uint8_t *tx_slots, *rx_slots;

/*
 * Received frames live in buffers of their own, not on lwIP's heap: when sent
 * data fills the heap, the acknowledgements that would free it must still get
 * in. And when unread data fills the buffers, the last few are kept for frames
 * that carry none, for the same reason.
 */
static uint8_t *rx_pool;
static uint32_t rx_buf_size, rx_free_count;
static uint32_t *rx_free;

static void rx_buf_free(struct pbuf *p)
{
	rx_free[rx_free_count++] = (uint32_t)(((uint8_t *)p - rx_pool) / rx_buf_size);
}

/* Does the frame carry anything but a TCP header (or an ARP message)? */
static bool carries_data(const uint8_t *f, uint32_t len)
{
	if (len >= 14 && f[12] == 0x08 && f[13] == 0x06)
		return false;
	if (len < 14 + 20 || f[12] != 0x08 || f[13] != 0x00 || f[14 + 9] != IP_PROTO_TCP)
		return true;
	uint32_t ihl = (f[14] & 15u) * 4, total = (uint32_t)f[16] << 8 | f[17];
	if (len < 14 + ihl + 20 || total > len - 14)
		return true;
	uint32_t doff = (f[14 + ihl + 12] >> 4) * 4u;
	return total != ihl + doff;
}

/*
 * Segments held out of order keep buffers until the missing one arrives; if
 * they fill the pool, that one is never let in (100 connections at once lost
 * frames at the tap and stalled for good). Dropped, the peers send them again.
 */
static void rx_free_ooseq(void)
{
	for (struct tcp_pcb *pcb = tcp_active_pcbs; pcb; pcb = pcb->next)
		if (pcb->ooseq)
			tcp_free_ooseq(pcb);
}

static struct pbuf *rx_buf_alloc(const uint8_t *f, uint32_t len)
{
	if (rx_free_count <= RX_RESERVE && carries_data(f, len)) {
		rx_free_ooseq();
		if (rx_free_count <= RX_RESERVE)
			return 0;
	}
	if (!rx_free_count)
		return 0;
	struct pbuf_custom *pc = (struct pbuf_custom *)(rx_pool + (uint64_t)rx_free[--rx_free_count] * rx_buf_size);
	pc->custom_free_function = rx_buf_free;
	/* A pool type: the payload follows the header, as lwIP's own pool pbufs. */
	struct pbuf *p = pbuf_alloced_custom(PBUF_RAW, (u16_t)len, PBUF_POOL, pc, pc + 1,
					     (u16_t)(rx_buf_size - sizeof(*pc)));
	memcpy(p->payload, f, len);
	return p;
}

static bool rx_pool_init(void)
{
	rx_buf_size = ((uint32_t)sizeof(struct pbuf_custom) + dev->slot_size + 63) & ~63u;
	uint32_t count = RX_POOL_BYTES / rx_buf_size;
	uint64_t bytes = (uint64_t)count * rx_buf_size + count * sizeof(uint32_t);
	uint64_t pa = frame_alloc_block((bytes + PAGE_SIZE - 1) / PAGE_SIZE);
	if (!pa)
		return false;
	rx_pool = phys_to_virt(pa);
	rx_free = (uint32_t *)(rx_pool + (uint64_t)count * rx_buf_size);
	for (rx_free_count = 0; rx_free_count < count; rx_free_count++)
		rx_free[rx_free_count] = rx_free_count;
	return true;
}

static void kick(void)
{
	outl(HC_NET_KICK_PORT, 0);
}

static err_t output(struct netif *nif, struct pbuf *p)
{
	(void)nif;
	uint32_t head = dev->tx.head;
	if (head - __atomic_load_n(&dev->tx.tail, __ATOMIC_ACQUIRE) >= HC_NET_SLOTS) {
		uint64_t give_up = rdtsc() + ns_to_tsc(FULL_WAIT_NS);
		while (head - __atomic_load_n(&dev->tx.tail, __ATOMIC_ACQUIRE) >= HC_NET_SLOTS) {
			if (__atomic_exchange_n(&dev->tx.wait, 0, __ATOMIC_SEQ_CST))
				kick();
			if (rdtsc() > give_up)
				return ERR_MEM;
			__builtin_ia32_pause();
		}
	}
	uint32_t slot = head % HC_NET_SLOTS;
	if (p->tot_len > dev->slot_size)
		return ERR_BUF;
	dev->tx.len[slot] = pbuf_copy_partial(p, tx_slots + (uint64_t)slot * dev->slot_size, p->tot_len, 0);
	__atomic_store_n(&dev->tx.head, head + 1, __ATOMIC_SEQ_CST);
	if (__atomic_exchange_n(&dev->tx.wait, 0, __ATOMIC_SEQ_CST))
		kick();
	return ERR_OK;
}

static err_t setup(struct netif *nif)
{
	nif->name[0] = 'e';
	nif->name[1] = 'n';
	nif->mtu = boot->net_mtu;
	nif->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(nif->hwaddr, boot->net_mac, ETH_HWADDR_LEN);
	nif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET | NETIF_FLAG_LINK_UP;
	nif->output = etharp_output;
	nif->output_ip6 = ethip6_output;
	nif->linkoutput = output;
	return ERR_OK;
}

/* The global IPv6 address uhyve-run gave (--ip6), usable at once, and its router. */
static void add_ip6(void)
{
	static const uint8_t none[16];
	if (!memcmp(boot->net_ip6, none, sizeof(none)))
		return;
	ip6_addr_t addr;
	s8_t index;
	memcpy(addr.addr, boot->net_ip6, sizeof(addr.addr));
	memcpy(gateway6.addr, boot->net_gateway6, sizeof(gateway6.addr));
	ip6_addr_clear_zone(&addr);
	ip6_addr_assign_zone(&gateway6, IP6_UNICAST, &netif);
	if (netif_add_ip6_address(&netif, &addr, &index) == ERR_OK)
		netif_ip6_addr_set_state(&netif, index, IP6_ADDR_PREFERRED);
}

const ip6_addr_t *net_ip6_gateway(struct netif *nif, const ip6_addr_t *dest)
{
	(void)dest;
	return nif == &netif && !ip6_addr_isany(&gateway6) ? &gateway6 : NULL;
}

/* uhyve-run --ip dhcp: no address given. */
static bool dhcp_wanted(void)
{
	return boot->net_gpa && !boot->net_ip;
}

bool netdev_start(void)
{
	if (!boot->net_gpa)
		return false;
	dev = phys_to_virt(boot->net_gpa);
	tx_slots = (uint8_t *)dev + HC_NET_HEADER;
	rx_slots = tx_slots + (uint64_t)HC_NET_SLOTS * dev->slot_size;
	if (!rx_pool_init())
		return false;
	ip4_addr_t ip = { boot->net_ip }, mask = { boot->net_netmask }, gw = { boot->net_gateway };
	if (!netif_add(&netif, &ip, &mask, &gw, NULL, setup, ethernet_input))
		return false;
	netif_create_ip6_linklocal_address(&netif, 1);
	add_ip6();
	netif_set_default(&netif);
	netif_set_up(&netif);
	net_rx_queue = &dev->rx;
	netdev_poll();
	return !dhcp_wanted() || dhcp_start(&netif) == ERR_OK;
}

bool netdev_has_ip4(void)
{
	return !dhcp_wanted() || dhcp_supplied_address(&netif);
}

void netdev_poll(void)
{
	if (!dev)
		return;
	for (;;) {
		uint32_t tail = dev->rx.tail, head = __atomic_load_n(&dev->rx.head, __ATOMIC_ACQUIRE);
		if (tail == head) {
			/* Drained: an interrupt for the next frame; one that came meanwhile is taken now. */
			__atomic_store_n(&dev->rx.wait, 1, __ATOMIC_SEQ_CST);
			if (__atomic_load_n(&dev->rx.head, __ATOMIC_SEQ_CST) == tail)
				return;
			__atomic_store_n(&dev->rx.wait, 0, __ATOMIC_RELAXED);
			continue;
		}
		for (; tail != head; tail++) {
			uint32_t slot = tail % HC_NET_SLOTS, len = dev->rx.len[slot];
			struct pbuf *p = len <= dev->slot_size ? rx_buf_alloc(rx_slots + (uint64_t)slot * dev->slot_size, len) : 0;
			if (!p)
				continue; /* dropped, as a full queue would */
			if (netif.input(p, &netif) != ERR_OK)
				pbuf_free(p);
		}
		__atomic_store_n(&dev->rx.tail, tail, __ATOMIC_SEQ_CST);
		if (__atomic_exchange_n(&dev->rx.room_wait, 0, __ATOMIC_SEQ_CST))
			kick();
	}
}

void netdev_flush(void)
{
	if (!dev)
		return;
	uint64_t give_up = rdtsc() + ns_to_tsc(FLUSH_NS);
	while (__atomic_load_n(&dev->tx.tail, __ATOMIC_ACQUIRE) != dev->tx.head && rdtsc() < give_up) {
		if (__atomic_exchange_n(&dev->tx.wait, 0, __ATOMIC_SEQ_CST))
			kick();
		__builtin_ia32_pause();
	}
}
