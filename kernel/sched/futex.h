/* Futexes: threads waiting on a word of the program's memory. */
#ifndef KERNEL_FUTEX_H
#define KERNEL_FUTEX_H

#include <stdbool.h>
#include <stdint.h>

#include "thread.h"

#define FUTEX_BITSET_ANY 0xffffffffU

/* private: FUTEX_PRIVATE_FLAG, the word is never shared with another process. */
/* Block until woken with a matching bitset, deadline (TSC, 0 none) or signal; 0 or -errno. */
long futex_wait(uint64_t uaddr, bool private, uint32_t val, uint64_t deadline, uint32_t bitset);
/* Wake up to n waiters on uaddr whose bitset meets bitset; how many woke. */
long futex_wake(uint64_t uaddr, bool private, long n, uint32_t bitset);
/* Wake n waiters on uaddr and move up to moved more to uaddr2; how many were woken and moved. */
long futex_requeue(uint64_t uaddr, bool private, long n, uint64_t uaddr2, long moved);
/* FUTEX_LOCK_PI (or TRYLOCK_PI when try): own the PI futex at uaddr; 0 or -errno. */
long futex_lock_pi(uint64_t uaddr, uint64_t deadline, bool try);
/* FUTEX_UNLOCK_PI: hand the futex to its longest waiter, or free it; 0 or -errno. */
long futex_unlock_pi(uint64_t uaddr);
/* FUTEX_WAIT_REQUEUE_PI: wait on uaddr until FUTEX_CMP_REQUEUE_PI makes us owner of the PI futex uaddr2. */
long futex_wait_requeue_pi(uint64_t uaddr, bool private, uint32_t val, uint64_t deadline, uint64_t uaddr2);
/* FUTEX_CMP_REQUEUE_PI: give the PI futex uaddr2 to uaddr's longest waiter if free, move up to moved more to it. */
long futex_cmp_requeue_pi(uint64_t uaddr, bool private, uint32_t val, uint64_t uaddr2, long moved);
/* Mark the futexes of the ending thread's robust list as their owner dead; hand on the PI futexes it owns. */
void futex_exit_robust(struct thread *t);

#endif
