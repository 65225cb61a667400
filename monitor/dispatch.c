/*
 * The hypercall dispatcher: a request block checked and copied, and the
 * handler the table main.c gives names for its number; batches of them.
 */
#include <pthread.h>
#include <string.h>

#include "cocoon/hypercall.h"
#include "handlers.h"
#include "vm.h"

#define HC_FITS(nr, name, type) _Static_assert(sizeof(struct type) <= 64, #type " fits a 64-byte copy");
HYPERCALLS(HC_FITS)
#undef HC_FITS

/* The guest's kernel serializes itself; this keeps two vCPUs' hypercalls apart all the same. */
static pthread_mutex_t hypercall_lock = PTHREAD_MUTEX_INITIALIZER;
static const struct hc_handler *handlers;

void hypercall_handlers(const struct hc_handler *table)
{
	handlers = table;
}

int do_BATCH(struct guest *g, struct hc_batch *req)
{
	struct hc_call list[HC_BATCH_MAX];
	const struct hc_call *calls = req->n <= HC_BATCH_MAX ? guest_ptr(g, req->calls, req->n * sizeof(*calls)) : NULL;
	req->ret = -EINVAL;
	if (!calls)
		return GO_ON;
	/* The list is copied first: the guest cannot change it while it runs. */
	memcpy(list, calls, req->n * sizeof(*list));
	req->ret = 0;
	for (uint32_t i = 0; i < req->n; i++) {
		if (list[i].nr >= HC_COUNT || list[i].nr == HC_BATCH || list[i].block > UINT32_MAX) {
			req->ret = -EINVAL;
			return GO_ON;
		}
		int status = hypercall(g, list[i].nr, (uint32_t)list[i].block);
		if (status != GO_ON)
			return status;
	}
	return GO_ON;
}

int hypercall(struct guest *g, unsigned nr, uint32_t gpa)
{
	void *block = nr < HC_COUNT && handlers[nr].fn ? guest_ptr(g, gpa, handlers[nr].size) : NULL;
	/* An unknown number, or a block outside guest memory, is a failed hypercall: no answer. */
	if (!block)
		return GO_ON;
	/* Work on an aligned copy the guest cannot change under us. */
	uint64_t req[8];
	memcpy(req, block, handlers[nr].size);
	int status = handlers[nr].fn(g, req);
	memcpy(block, req, handlers[nr].size);
	return status;
}

int vm_hypercall(struct guest *g, unsigned nr, uint32_t gpa)
{
	pthread_mutex_lock(&hypercall_lock);
	int status = hypercall(g, nr, gpa);
	pthread_mutex_unlock(&hypercall_lock);
	return status;
}
