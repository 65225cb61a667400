/*
 * Power-of-two size classes from 32 bytes to a page, each a free list of
 * objects carved out of whole frames. Frames are never given back, except
 * page-sized objects, which are frames themselves.
 */
#include "slab.h"
#include "kernel/mm/frame.h"
#include "kernel/kernel.h"

#define MIN_SHIFT 5
#define CLASSES 8 /* 32 .. 4096 */

static void *free_lists[CLASSES];

static unsigned class_of(size_t size)
{
	unsigned c = 0;
	while (((size_t)1 << (MIN_SHIFT + c)) < size)
		c++;
	return c;
}

void *slab_alloc(size_t size)
{
	unsigned c = class_of(size);
	size_t obj = (size_t)1 << (MIN_SHIFT + c);
	if (obj == PAGE_SIZE) {
		uint64_t pa = frame_alloc();
		return pa ? phys_to_virt(pa) : 0;
	}
	if (!free_lists[c]) {
		uint64_t pa = frame_alloc();
		if (!pa)
			return 0;
		char *page = phys_to_virt(pa);
		for (size_t off = 0; off < PAGE_SIZE; off += obj)
			slab_free(page + off, obj);
	}
	void **p = free_lists[c];
	free_lists[c] = *p;
	memset(p, 0, obj);
	return p;
}

void slab_free(void *p, size_t size)
{
	unsigned c = class_of(size);
	if (((size_t)1 << (MIN_SHIFT + c)) == PAGE_SIZE) {
		frame_free(virt_to_phys(p));
		return;
	}
	*(void **)p = free_lists[c];
	free_lists[c] = p;
}
