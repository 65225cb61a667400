/* Kernel objects of a few pages (a process, its address space, its descriptor table). */
#ifndef KERNEL_KALLOC_H
#define KERNEL_KALLOC_H

#include <stddef.h>

/* Zeroed memory for size bytes (a power-of-two number of pages), or 0. */
void *kalloc(size_t size);
/* Give back what kalloc(size) gave. */
void kfree(void *p, size_t size);

#endif
