/* Where the page cache keeps its frames: (cached file, page index) -> frame. */
#ifndef KERNEL_PCACHE_TABLE_H
#define KERNEL_PCACHE_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#define PTAB_SLOTS 16384 /* 64 MiB of cached pages at most */

/* The frame cached for page index of file (from 1), or 0. */
uint64_t ptab_find(uint16_t file, uint64_t index);
/* Cache pa there; false when the table is full. */
bool ptab_insert(uint16_t file, uint64_t index, uint64_t pa);
/* Take the page out: its frame, or 0 if it was not cached. */
uint64_t ptab_remove(uint16_t file, uint64_t index);
/* Take out every page for which keep(file, frame) is false, handing each frame to gone. */
void ptab_sweep(bool (*keep)(uint16_t file, uint64_t pa), void (*gone)(uint16_t file, uint64_t pa));

#endif
