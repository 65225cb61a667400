/* The network stack (lwIP, run under the kernel lock): start-up, its timers, its interfaces. */
#ifndef KERNEL_NET_H
#define KERNEL_NET_H

#include <stdbool.h>
#include <stdint.h>

#include "cocoon/hypercall.h"

/* Start lwIP at first use (its heap is taken from frames then); false if memory is short. */
bool net_start(void);
/* After calling into lwIP: deliver looped-back packets, run due timers, re-arm. */
void net_poll(void);
/*
 * The program ends: its sockets close as Linux closes them at exit, and
 * what they still send gets a moment to leave (lwIP cannot outlive the VM).
 * Called through net_at_exit, which net_start sets.
 */
void net_finish(void);
extern void (*net_at_exit)(void);
/*
 * The TSC time lwIP's next timer is due (0: none), and what runs them, set
 * by net_start: the scheduler reaches lwIP only through this pointer, so a
 * kernel built without socket syscalls links none of it.
 */
extern uint64_t net_timer_at;
extern void (*net_timers)(void);
/* Set by the network device's interrupt: received frames wait, which is due at once. */
extern bool net_rx_pending;

/* The network device's receive ring, once started (netdev.c), for idle CPUs to look at. */
extern struct hc_net_queue *net_rx_queue;

/* Read without the lock (an idle CPU's poll): a hint. */
static inline uint64_t net_deadline(void)
{
	struct hc_net_queue *q = __atomic_load_n(&net_rx_queue, __ATOMIC_RELAXED);
	/* Frames not taken yet are due now: an idle CPU that polls sees them without the interrupt. */
	if (__atomic_load_n(&net_rx_pending, __ATOMIC_RELAXED) ||
	    (q && __atomic_load_n(&q->head, __ATOMIC_RELAXED) != __atomic_load_n(&q->tail, __ATOMIC_RELAXED)))
		return 1;
	return __atomic_load_n(&net_timer_at, __ATOMIC_RELAXED);
}

/* Timer path: run lwIP's timers if due by now (TSC), and take received frames. */
static inline void net_expire(uint64_t now)
{
	uint64_t at = net_deadline();
	if (at && now >= at)
		net_timers();
}

#endif
