/*
 * The hypercall dispatcher: a guest's port write, a request block checked and
 * copied, and the handler the table main.c gives names for its number;
 * batches of them.
 */
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "cocoon/hypercall.h"
#include "handlers.h"
#include "log.h"
#include "vm.h"

#define HC_FITS(nr, name, type) _Static_assert(sizeof(struct type) <= 64, #type " fits a 64-byte copy");
HYPERCALLS(HC_FITS)
#undef HC_FITS

/* The guest's kernel serializes itself; this keeps two vCPUs' hypercalls apart all the same. */
static pthread_mutex_t hypercall_lock = PTHREAD_MUTEX_INITIALIZER;
static const struct hc_handler *handlers;
/* The network device's kick (vm_port_eventfd), or -1 without one. */
static int kick_fd = -1;
static void (*port_call_hook)(void);

void hypercall_handlers(const struct hc_handler *table)
{
	handlers = table;
}

void vm_after_port_call(void (*fn)(void))
{
	port_call_hook = fn;
}

void dispatch_kick_fd(int fd)
{
	kick_fd = fd;
}

bool hypercall_port_only(unsigned nr)
{
	return nr == HC_EXIT || nr == HC_PANIC || nr == HC_CPU_START || nr == HC_RING_WAIT;
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
		/*
		 * A batch runs under the hypercall lock, maybe on the I/O thread:
		 * a call that waits for that thread or needs a vCPU's would never end.
		 */
		if (list[i].nr >= HC_COUNT || list[i].nr == HC_BATCH || hypercall_port_only(list[i].nr) ||
		    list[i].block > UINT32_MAX) {
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

int vm_port_call(struct guest *g, unsigned port, unsigned size, uint32_t value)
{
	/* Where KVM has no ioeventfd, the network device's kick comes here; without one it is refused. */
	if (port == HC_NET_KICK_PORT && kick_fd >= 0) {
		uint64_t one = 1;
		if (write(kick_fd, &one, sizeof(one)) < 0)
			return GO_ON; /* a full count wakes it as well */
		return GO_ON;
	}
	if (size != 4 || port < HC_PORT_BASE || port >= HC_PORT_BASE + HC_COUNT) {
		warnx_("guest accessed unknown I/O port 0x%x", port);
		return EXIT_MONITOR_FAILED;
	}
	/* Waiting for the I/O thread, which takes the hypercall lock itself. */
	if (port - HC_PORT_BASE == HC_RING_WAIT)
		return hypercall(g, HC_RING_WAIT, value);
	int status = vm_hypercall(g, port - HC_PORT_BASE, value);
	if (port_call_hook)
		port_call_hook();
	return status;
}
