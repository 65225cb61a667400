/* The network device's host side (tap.c), started by net.c. */
#ifndef MONITOR_TAP_H
#define MONITOR_TAP_H

#include <stdint.h>

#include "guest.h"

/* Move frames between the rings (slots at slots_gpa) and the tap device. */
struct hc_net;
void tap_start(struct guest *g, int tap, struct hc_net *dev, uint64_t slots_gpa, uint32_t slot_size, int cpu);

#endif
