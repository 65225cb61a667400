/* Small kernel objects of any size up to a page, for the in-memory file system. */
#ifndef KERNEL_SLAB_H
#define KERNEL_SLAB_H

#include <stddef.h>

/* Zeroed memory, or 0 when memory is exhausted; size at most a page. */
void *slab_alloc(size_t size);
/* Give back what slab_alloc(size) returned, with the same size. */
void slab_free(void *p, size_t size);

#endif
