/*
 * Kernel objects of a few pages: blocks of 2^order contiguous pages, kept on
 * a list per order when freed and reused for the same order, since fresh
 * contiguous frames only come from memory never handed out.
 */
#include "frame.h"
#include "kalloc.h"
#include "kernel/kernel.h"

#define ORDERS 8

static void *spare[ORDERS]; /* freed blocks, linked through their first word */

static unsigned order_of(size_t size)
{
	unsigned order = 0;
	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

void *kalloc(size_t size)
{
	unsigned order = order_of(size);
	if (order >= ORDERS)
		return 0;
	void *p = spare[order];
	if (p) {
		spare[order] = *(void **)p;
	} else {
		uint64_t pa = order ? frame_alloc_block(1ULL << order) : frame_alloc();
		if (!pa)
			return 0;
		p = phys_to_virt(pa);
	}
	memset(p, 0, PAGE_SIZE << order);
	return p;
}

void kfree(void *p, size_t size)
{
	unsigned order = order_of(size);
	*(void **)p = spare[order];
	spare[order] = p;
}
