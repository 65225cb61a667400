/* Selectors, IST slots and sizes shared by the C code and the entry code. */
#ifndef ARCH_X86_64_GDT_H
#define ARCH_X86_64_GDT_H

#define GDT_CODE 0x08
#define GDT_DATA 0x10
#define GDT_TSS  0x18

/* IST slots (1-based in IDT entries). Each is one page: frames move off it at once. */
#define IST_TRAP 1   /* exceptions */
#define IST_DF   2   /* double fault */
#define IST_NMI  3   /* NMI and machine check */
#define IST_IRQ  4   /* interrupts: one may come while an exception's frame is still on IST_TRAP */
#define IST_COUNT 4

#define MAX_CPUS 16
#define VEC_COUNT 0x30     /* vectors with entry stubs: exceptions and ours */
#define KSTACK_SIZE 16384  /* a thread's kernel stack, aligned to its size */

#endif
