/* Hypercalls through the request ring (struct hc_ring): no VM exit. */
#ifndef DRIVERS_RING_H
#define DRIVERS_RING_H

#include <stdbool.h>

#include "cocoon/hypercall.h"

/* Make the hypercall through the ring and wait for it; false if there is no ring. */
bool ring_call(enum hc_number nr, void *req);

#endif
