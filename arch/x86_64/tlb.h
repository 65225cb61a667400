/* Keeping other CPUs' TLBs in step with the one address space's page tables. */
#ifndef ARCH_X86_64_TLB_H
#define ARCH_X86_64_TLB_H

/* Each takes the calling CPU (the kernel knows which: arch does not). */
struct cpu;

/*
 * After mappings were removed or restricted (under the kernel lock, before
 * their frames can be reused): every other CPU flushes its TLB before this
 * returns.
 */
void tlb_shootdown(struct cpu *self);
/* The VEC_TLB interrupt: flush this CPU's TLB and say so. */
void tlb_flush_here(struct cpu *self);
/* On taking the kernel lock: flush if a shootdown did not wait for this CPU. */
void tlb_catch_up(struct cpu *self);

#endif
