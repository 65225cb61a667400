/* The monitor's hypercall handlers, one per entry of HYPERCALLS. */
#ifndef MONITOR_HANDLERS_H
#define MONITOR_HANDLERS_H

#include "cocoon/hypercall.h"
#include "guest.h"

/* A handler returns GO_ON to resume the guest, or the status to exit with. */
#define GO_ON (-1)

#define HC_DECLARE(nr, name, type) int do_##name(struct guest *g, struct type *req);
HYPERCALLS(HC_DECLARE)
#undef HC_DECLARE

#endif
