/* What the PVH entry (pvh.S, pvh.c) shares. */
#ifndef ARCH_X86_64_PVH_H
#define ARCH_X86_64_PVH_H

/* KERNEL_VBASE as the assembler can use it (pvh.c checks they agree). */
#define PVH_KERNEL_VBASE 0x700000000000

#endif
