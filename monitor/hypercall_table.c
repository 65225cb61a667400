/* Which handler serves each hypercall: the wiring of the modules' handlers into the dispatcher. */
#include "handlers.h"
#include "hypercall_table.h"

/* One adapter per hypercall turns the checked block into its own type. */
#define HC_ADAPT(nr, name, type) \
	static int call_##name(struct guest *g, void *req) { return do_##name(g, req); }
HYPERCALLS(HC_ADAPT)
#undef HC_ADAPT

const struct hc_handler hypercall_table[HC_COUNT] = {
#define HC_ENTRY(nr, name, type) [nr] = { call_##name, sizeof(struct type) },
	HYPERCALLS(HC_ENTRY)
#undef HC_ENTRY
};
