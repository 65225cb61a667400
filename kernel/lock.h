/* A ticket spinlock, and the one lock that the kernel runs under. */
#ifndef KERNEL_LOCK_H
#define KERNEL_LOCK_H

#include <stdbool.h>
#include <stdint.h>

struct spinlock {
	volatile uint32_t next, owner;
};

static inline void spin_lock(struct spinlock *l)
{
	uint32_t ticket = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);
	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != ticket)
		__asm__ volatile("pause");
}

static inline void spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->owner, l->owner + 1, __ATOMIC_RELEASE);
}

/*
 * The kernel runs under one lock: taken on every entry from the program,
 * dropped on the way back and while a CPU idles. A thread that blocks keeps
 * it across the switch; the next thread goes on holding it. Programs run in
 * parallel; the kernel does not. Interrupts stay enabled in the kernel: an
 * interrupt that finds its own CPU holding the lock leaves its work for that
 * CPU's next return to the program or to the idle loop.
 */
void kernel_lock(void);
void kernel_unlock(void);
/* Does this CPU hold the lock, or wait for it? Then an interrupt must not take it. */
bool kernel_lock_held_here(void);

#endif
