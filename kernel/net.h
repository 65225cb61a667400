/* The network stack (lwIP, run under the kernel lock): start-up, its timers, its interfaces. */
#ifndef KERNEL_NET_H
#define KERNEL_NET_H

#include <stdbool.h>
#include <stdint.h>

/* Start lwIP at first use (its heap is taken from frames then); false if memory is short. */
bool net_start(void);
/* After calling into lwIP: deliver looped-back packets, run due timers, re-arm. */
void net_poll(void);
/* The TSC time lwIP's next timer is due, or 0 (read without the lock: a hint). */
uint64_t net_deadline(void);
/* Timer path: run lwIP's timers if due by now (TSC). */
void net_expire(uint64_t now);

#endif
