/* Issuing a hypercall: the request block's physical address goes out on the hypercall's port. */
#ifndef DRIVERS_HYPERCALL_H
#define DRIVERS_HYPERCALL_H

#include "arch/x86_64/cpu.h"
#include "kernel/kernel.h"
#include "drivers/qemu/local.h"

/* req must be kernel memory below 4 GiB: the kernel image always is. */
static inline void hypercall(enum hc_number nr, void *req)
{
	/* Booted without a monitor (PVH): the kernel serves it (local.h). */
	if (hypercall_local)
		local_hypercall(nr, req);
	else
		outl((uint16_t)(HC_PORT_BASE + nr), (uint32_t)virt_to_phys(req));
}

#endif
