/* A ticket spinlock, and the one lock that the kernel runs under. */
#ifndef KERNEL_LOCK_H
#define KERNEL_LOCK_H

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
 * The kernel runs with interrupts off and under one lock: taken on every
 * entry from the program, dropped on the way back and while a CPU idles. A
 * thread that blocks keeps it across the switch; the next thread goes on
 * holding it. Programs run in parallel; the kernel does not.
 */
extern struct spinlock kernel_big_lock;

static inline void kernel_lock(void)
{
	spin_lock(&kernel_big_lock);
}

static inline void kernel_unlock(void)
{
	spin_unlock(&kernel_big_lock);
}

#endif
