/* The network device to the host's tap (uhyve-run --net), an lwIP interface. */
#ifndef DRIVERS_NETDEV_H
#define DRIVERS_NETDEV_H

#include <stdbool.h>

/* Add the interface as lwIP's default if the monitor gave a device (asking DHCP for its address if it gave none); false if none. */
bool netdev_start(void);
/* Whether the device has its IPv4 address yet (false until DHCP gives one). */
bool netdev_has_ip4(void);
/* Hand received frames to lwIP; asks for an interrupt once the ring is empty. */
void netdev_poll(void);
/* Wait (briefly) until the monitor has sent every queued frame. */
void netdev_flush(void);

#endif
