/* Pages, and the kernel's map of all physical memory at KERNEL_VBASE. */
#ifndef ARCH_X86_64_ADDR_H
#define ARCH_X86_64_ADDR_H

#include <stdint.h>

#include "cocoon/hypercall.h"

#define PAGE_SIZE 4096ULL
#define PAGE_DOWN(x) ((uint64_t)(x) & ~(PAGE_SIZE - 1))
#define PAGE_UP(x) (((uint64_t)(x) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))

static inline void *phys_to_virt(uint64_t pa)
{
	return (void *)(KERNEL_VBASE + pa);
}

/* Physical address of a kernel object. */
static inline uint64_t virt_to_phys(const void *p)
{
	return (uint64_t)p - KERNEL_VBASE;
}

#endif
