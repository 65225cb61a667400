/*
 * lwIP's configuration for the cocoon kernel: the raw (callback) API only,
 * called under the kernel lock (NO_SYS: no threads, no locking of its own);
 * IPv4 and IPv6 (dual-stack sockets), TCP, UDP, a loopback interface and
 * Ethernet for a host device.
 * Memory: one heap (frames taken at the first socket), pools carved from it.
 */
#ifndef COCOON_LWIPOPTS_H
#define COCOON_LWIPOPTS_H

#define NO_SYS 1
#define SYS_LIGHTWEIGHT_PROT 0
#define LWIP_NETCONN 0
#define LWIP_SOCKET 0
#define LWIP_IPV4 1
#define LWIP_IPV6 1
#define LWIP_IPV6_AUTOCONFIG 0 /* no router advertisements: a link-local address */
#define LWIP_IPV6_DHCP6 0
#define IPV6_FRAG_COPYHEADER 1 /* 64-bit pointers do not fit in a fragment header */
#define LWIP_IPV6_MLD 0 /* the tap filters nothing: no groups to join, no 100 ms timer */
/* No router advertisements: off-link IPv6 destinations go to the router uhyve-run names. */
struct netif;
struct ip6_addr;
const struct ip6_addr *net_ip6_gateway(struct netif *nif, const struct ip6_addr *dest);
#define LWIP_HOOK_ND6_GET_GW(nif, dest) net_ip6_gateway(nif, dest)
#define LWIP_IPV6_DUP_DETECT_ATTEMPTS 0 /* the link-local address is usable at once */
#define LWIP_ICMP6 1
#define LWIP_ND6_QUEUEING 1
#define LWIP_TCP 1
#define LWIP_UDP 1
#define LWIP_RAW 0
#define LWIP_ICMP 1
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define LWIP_DHCP 1 /* uhyve-run --ip dhcp */
#define DHCP_DOES_ARP_CHECK 0 /* bound at the server's word, without a 0.5 s wait */
#define LWIP_AUTOIP 0
#define LWIP_IGMP 0
#define LWIP_DNS 0
#define IP_REASSEMBLY 1
#define IP_FRAG 1

#define LWIP_HAVE_LOOPIF 1
#define LWIP_NETIF_LOOPBACK 1
#define LWIP_LOOPBACK_MAX_PBUFS 0
#define LWIP_CHECKSUM_CTRL_PER_NETIF 1 /* the loopback interface skips checksums */
#define LWIP_CHECKSUM_ON_COPY 1 /* TCP data summed while copied in, not again */
#define LWIP_NETIF_STATUS_CALLBACK 0
#define LWIP_STATS 0
#define SO_REUSE 1
#define LWIP_TCP_KEEPALIVE 1
#define TCP_LISTEN_BACKLOG 1
#define LWIP_CALLBACK_API 1
#define LWIP_RANDOMIZE_INITIAL_LOCAL_PORTS 1

#define MEM_LIBC_MALLOC 0
#define MEMP_MEM_MALLOC 1
#define MEM_ALIGNMENT 8
#define MEM_SIZE (4 * 1024 * 1024 - 4096) /* with its bookkeeping, 1024 frames */
#define LWIP_RAM_HEAP_POINTER net_heap
extern unsigned char *net_heap;

/*
 * Throughput: windows and send buffers past 64 KiB (scaled), pools counted
 * generously; but 128 KiB, not more: a connection can hold a window received
 * and a buffer unacknowledged on the 4 MiB heap, and a dozen busy ones must fit.
 */
#define TCP_MSS (8192 - 40) /* the loopback's; a device's MTU lowers it */
#define LWIP_WND_SCALE 1
#define TCP_RCV_SCALE 3
#define TCP_WND (128 * 1024)
#define TCP_SND_BUF (128 * 1024)
#define TCP_SND_QUEUELEN 1024 /* segments: a full send buffer at a 1500-byte MTU */
#define TCP_SNDLOWAT (16 * 1024)
#define TCP_OVERSIZE TCP_MSS
#define TCP_QUEUE_OOSEQ 1
#define TCP_TMR_INTERVAL 50 /* delayed acknowledgements and retransmission times in finer steps */
#define LWIP_SUPPORT_CUSTOM_PBUF 1 /* received frames, in the device's own buffers */
#define PBUF_POOL_SIZE 512
#define MEMP_NUM_PBUF 1024
#define MEMP_NUM_TCP_PCB 1024
#define MEMP_NUM_TCP_PCB_LISTEN 64
#define MEMP_NUM_UDP_PCB 256
#define MEMP_NUM_TCP_SEG 4096
#define MEMP_NUM_REASSDATA 16

#endif
