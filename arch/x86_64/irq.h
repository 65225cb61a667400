/*
 * Interrupt masking. On kvm-pvm the interrupt flag is a word in the CPU's VIF
 * page (sti and cli would trap to the host); elsewhere it is RFLAGS.IF.
 */
#ifndef ARCH_X86_64_IRQ_H
#define ARCH_X86_64_IRQ_H

#include <stdbool.h>

#include "percpu.h"

#define VEC_TIMER    0x20
#define VEC_WAKE     0x21 /* an IPI that only ends a halt */
#define VEC_SPURIOUS 0x2f

extern bool irq_pvm;

static inline void irq_enable(struct cpu *c)
{
	if (irq_pvm)
		*c->entry->vif = 1;
	else
		__asm__ volatile("sti" ::: "memory");
}

static inline void irq_disable(struct cpu *c)
{
	if (irq_pvm)
		*c->entry->vif = 0;
	else
		__asm__ volatile("cli" ::: "memory");
}

/*
 * Enable interrupts and halt until one comes. An interrupt that lands between
 * the enable and the hlt resumes after the hlt (see trap), so none is lost.
 */
void irq_wait(volatile uint64_t *vif);
extern char irq_wait_hlt[], irq_wait_end[];

#endif
