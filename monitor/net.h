/* The network module's options and set-up (net.c): what main.c calls. */
#ifndef MONITOR_NET_H
#define MONITOR_NET_H

#include <stdbool.h>
#include <stdint.h>

#include "guest.h"

/* --net, --ip, --gateway, --mac, --ip6, --gateway6. */
enum { NET_OPT_NET = 0x100, NET_OPT_IP, NET_OPT_GATEWAY, NET_OPT_MAC, NET_OPT_IP6, NET_OPT_GATEWAY6 };
void net_option(int opt, const char *arg);
/* Open the tap device the options name, if any; dies with a clear message. */
void net_open(void);
/* Put the device's rings in guest memory after bi->free_start, keeping keep_free bytes free, and start it. */
struct boot_info;
void net_place(struct guest *g, struct boot_info *bi, uint64_t keep_free, bool share_cpu);

#endif
