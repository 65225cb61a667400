/* Per-CPU state: what the entry code finds without a stack, and the CPU's own tables. */
#ifndef ARCH_X86_64_PERCPU_H
#define ARCH_X86_64_PERCPU_H

#include <stdbool.h>
#include <stdint.h>

#include "gdt.h"

/*
 * The part the entry code reads (offsets fixed in entry.S): the running
 * thread's kernel stack top, the program's RSP while a syscall switches
 * stacks, the CPU it belongs to, and the top of its exception stack. The
 * top slot of every IST stack points here.
 */
struct cpu_entry {
	uint64_t kstack_top;
	uint64_t user_rsp;
	struct cpu *cpu;
	uint64_t trap_stack;
};
#define CPU_ENTRY_SIZE 32
_Static_assert(sizeof(struct cpu_entry) == CPU_ENTRY_SIZE, "entry.S knows this layout");

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

struct thread;

struct cpu {
	struct cpu_entry *entry;
	uint32_t id;
	uint32_t apic_id;
	struct thread *current;
	struct thread *idle;
	uint64_t space;       /* which address space's tables CR3 holds (a number kernel/mm gives), 0 at boot */
	uint64_t slice_end;   /* TSC at which the running thread's time slice ends, 0 if none */
	uint64_t timer_armed; /* the TSC deadline programmed and not yet fired (the interrupt clears it), or 0 */
	volatile uint64_t wake; /* set by every interrupt: the idle loop looks again */
	volatile bool timer_due; /* a timer interrupt came while this CPU held the kernel lock */
	volatile bool taking_lock; /* spinning for the kernel lock */
	volatile bool dropping_lock; /* giving it back */
	bool takes_ipis;           /* its local APIC is up: TLB shootdowns wait for it */
	volatile uint64_t tlb_seen; /* the last TLB shootdown it has flushed for */
	volatile uint64_t *vif;     /* kvm-pvm: its own interrupt flag word, or 0 */
	uint64_t gdt[5];
	struct tss tss;
};

extern struct cpu cpus[MAX_CPUS];
extern struct cpu_entry cpu_entries[MAX_CPUS];
extern unsigned ncpus;

#endif
