/* Futexes: threads waiting on a word of the program's memory. */
#ifndef KERNEL_FUTEX_H
#define KERNEL_FUTEX_H

#include <stdint.h>

#include "thread.h"

#define FUTEX_BITSET_ANY 0xffffffffU

/* Block until woken with a matching bitset, deadline (TSC, 0 none) or signal; 0 or -errno. */
long futex_wait(uint64_t uaddr, uint32_t val, uint64_t deadline, uint32_t bitset);
/* Wake up to n waiters on uaddr whose bitset meets bitset; how many woke. */
long futex_wake(uint64_t uaddr, long n, uint32_t bitset);
/* Wake n waiters on uaddr and move up to moved more to uaddr2; how many were woken and moved. */
long futex_requeue(uint64_t uaddr, long n, uint64_t uaddr2, long moved);
/* Mark the futexes of the thread's robust list as their owner dead. */
void futex_exit_robust(struct thread *t);

#endif
