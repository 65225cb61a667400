/* The network stack (lwIP, run under the kernel lock): start-up, its timers, its interfaces. */
#ifndef KERNEL_NET_H
#define KERNEL_NET_H

#include <stdbool.h>
#include <stdint.h>

/* Start lwIP at first use (its heap is taken from frames then); false if memory is short. */
bool net_start(void);
/* After calling into lwIP: deliver looped-back packets, run due timers, re-arm. */
void net_poll(void);
/*
 * The TSC time lwIP's next timer is due (0: none), and what runs them, set
 * by net_start: the scheduler reaches lwIP only through this pointer, so a
 * kernel built without socket syscalls links none of it.
 */
extern uint64_t net_timer_at;
extern void (*net_timers)(void);

/* Read without the lock (an idle CPU's poll): a hint. */
static inline uint64_t net_deadline(void)
{
	return __atomic_load_n(&net_timer_at, __ATOMIC_RELAXED);
}

/* Timer path: run lwIP's timers if due by now (TSC). */
static inline void net_expire(uint64_t now)
{
	if (net_timer_at && now >= net_timer_at)
		net_timers();
}

#endif
