/* The physical page allocator. */
#ifndef KERNEL_FRAME_H
#define KERNEL_FRAME_H

#include <stdbool.h>
#include <stdint.h>

/* Set before frame_init when a boot loader may have left data in RAM: fresh frames get cleared. */
extern bool frame_fresh_dirty;

void frame_init(uint64_t start, uint64_t end);
uint64_t frame_alloc(void); /* a zeroed frame, or 0 when memory is exhausted */
/* Drop one user of the frame; the last one gives it back. */
void frame_free(uint64_t pa);
/* One more user (a copy-on-write mapping); false if the count is full. */
bool frame_share(uint64_t pa);
/* Has the frame more than one user? */
bool frame_shared(uint64_t pa);
uint64_t frame_free_count(void);
/* pages (a power of two) fresh contiguous frames aligned to their size, or 0. */
uint64_t frame_alloc_block(uint64_t pages); /* frames left to hand out */

#endif
