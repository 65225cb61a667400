# lwIP, from Debian's source package: scripts/deps-debian.sh fetches it (apt-get source lwip)
# into third_party/lwip-src, which is never committed. The kernel builds its core (IPv4, TCP,
# IPv6 with neighbour discovery, UDP, loopback, Ethernet/ARP) with our port in kernel/net/lwip.
set(COCOON_LWIP_DIR ${CMAKE_SOURCE_DIR}/third_party/lwip-src CACHE PATH "lwIP's source tree")
if(NOT EXISTS ${COCOON_LWIP_DIR}/src/include/lwip/tcp.h)
  message(FATAL_ERROR "lwIP's source is missing (${COCOON_LWIP_DIR}): run the set-up, "
    "`sh scripts/deps-debian.sh` (as root), which fetches it with `apt-get source lwip`")
endif()
set(COCOON_LWIP_INCLUDE ${COCOON_LWIP_DIR}/src/include ${CMAKE_SOURCE_DIR}/kernel/net/lwip)
set(COCOON_LWIP_SOURCES
  core/def.c core/inet_chksum.c core/init.c core/ip.c core/mem.c core/memp.c core/netif.c
  core/pbuf.c core/tcp.c core/tcp_in.c core/tcp_out.c core/timeouts.c core/udp.c
  core/ipv4/dhcp.c core/ipv4/etharp.c core/ipv4/icmp.c core/ipv4/ip4.c core/ipv4/ip4_addr.c core/ipv4/ip4_frag.c
  core/ipv6/icmp6.c core/ipv6/inet6.c core/ipv6/ip6.c core/ipv6/ip6_addr.c core/ipv6/ip6_frag.c
  core/ipv6/ethip6.c core/ipv6/nd6.c
  netif/ethernet.c)
list(TRANSFORM COCOON_LWIP_SOURCES PREPEND ${COCOON_LWIP_DIR}/src/)
