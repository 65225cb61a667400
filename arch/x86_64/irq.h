/* Interrupt vectors, and halting until an interrupt without losing one. */
#ifndef ARCH_X86_64_IRQ_H
#define ARCH_X86_64_IRQ_H

#include <stdbool.h>
#include <stdint.h>

#include "cocoon/hypercall.h"

#define VEC_TIMER    0x20
#define VEC_WAKE     BOOT_SIGNAL_VECTOR /* ends a halt; also the monitor's "signals for you" */
#define VEC_TLB      0x22 /* flush the TLB: another CPU removed or restricted mappings */
#define VEC_NET      BOOT_NET_VECTOR /* the network device received frames */
#define VEC_SPURIOUS 0x2f

/* kvm-pvm: the interrupt flag is a word of each vCPU's VIF page (struct cpu's vif). */
extern bool irq_pvm;

/*
 * Halt unless *wake is set; every interrupt sets its CPU's wake word, and
 * one that lands between the test and the hlt resumes after the hlt (see
 * trap), so none is lost. vif: kvm-pvm's interrupt word to set first, or 0
 * to use sti.
 */
void irq_wait(volatile uint64_t *wake, volatile uint64_t *vif);
extern char irq_wait_start[], irq_wait_end[];

#endif
