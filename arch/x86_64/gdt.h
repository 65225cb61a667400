/* Selectors and IST slots shared by the descriptor tables and the entry code. */
#ifndef ARCH_X86_64_GDT_H
#define ARCH_X86_64_GDT_H

#define GDT_CODE 0x08
#define GDT_DATA 0x10
#define GDT_TSS  0x18

/* IST slots (1-based in IDT entries). */
#define IST_TRAP 1   /* exceptions and interrupts */
#define IST_DF   2   /* double fault */
#define IST_NMI  3   /* NMI and machine check */
#define IST_COUNT 3
#define IST_STACK_SIZE 16384

#endif
