/*
 * The request ring, guest side: a CPU's slot holds one request at a time.
 * The monitor's I/O thread serves it while this CPU spins, so the call costs
 * no VM exit; the port write that wakes a sleeping I/O thread is an
 * ioeventfd, which the host kernel handles without the monitor.
 */
#include "arch/x86_64/cpu.h"
#include "kernel/kernel.h"
#include "hypercall.h"
#include "kernel/thread.h"
#include "kernel/time.h"
#include "ring.h"

#define SPIN_NS 20000

bool ring_call(enum hc_number nr, void *req)
{
	if (!boot->ring_gpa)
		return false;
	struct hc_ring *ring = phys_to_virt(boot->ring_gpa);
	struct hc_slot *slot = &ring->slot[current()->cpu->id];
	uint32_t seq = slot->seq + 1;
	slot->nr = nr;
	slot->gpa = virt_to_phys(req);
	/* Both sides publish, then look at the other's flag: one of them sees the other. */
	__atomic_store_n(&slot->seq, seq, __ATOMIC_SEQ_CST);
	if (!__atomic_load_n(&ring->awake, __ATOMIC_SEQ_CST))
		outl(HC_RING_PORT, 0);
	/* A quick call is done within the spin; a slow one is waited for asleep, on the host. */
	uint64_t give_up = rdtsc() + ns_to_tsc(SPIN_NS);
	while (__atomic_load_n(&slot->done, __ATOMIC_ACQUIRE) != seq) {
		if (rdtsc() > give_up) {
			struct hc_ring_wait wait = { .slot = current()->cpu->id };
			hypercall(HC_RING_WAIT, &wait);
			give_up = ~0ULL;
		}
		__builtin_ia32_pause();
	}
	return true;
}
