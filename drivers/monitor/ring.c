/*
 * The request ring, guest side: a CPU's slot holds one request at a time.
 * The monitor's I/O thread serves it while this CPU spins, so the call costs
 * no VM exit.
 */
#include "arch/x86_64/addr.h"
#include "arch/x86_64/tsc.h"
#include "hypercall.h"
#include "kernel/kernel.h"
#include "kernel/sched/current.h"
#include "kernel/time/ticks.h"
#include "ring.h"

#define SPIN_NS 20000

bool ring_call(enum hc_number nr, void *req)
{
	/*
	 * Only while the I/O thread is awake: waking it costs more than the exit
	 * the ring saves (the port hypercall wakes it for the calls that follow).
	 */
	struct hc_ring *ring = boot->ring_gpa ? phys_to_virt(boot->ring_gpa) : 0;
	if (!ring)
		return false;
	if (!__atomic_load_n(&ring->awake, __ATOMIC_SEQ_CST)) {
		__atomic_store_n(&ring->wanted, 1, __ATOMIC_RELAXED);
		return false;
	}
	struct hc_slot *slot = &ring->slot[current()->cpu->id];
	uint32_t seq = slot->seq + 1;
	slot->nr = nr;
	slot->gpa = virt_to_phys(req);
	__atomic_store_n(&slot->seq, seq, __ATOMIC_SEQ_CST);
	/*
	 * A quick call is done within the spin; a slow one, or one the I/O thread
	 * missed as it fell asleep, is waited for asleep in the monitor (RING_WAIT
	 * wakes the I/O thread).
	 */
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
