/*
 * The physical page allocator. Frames never used are handed out in address
 * order and are known to be zero (the host gave us zeroed memory, unless a
 * boot loader ran first: frame_fresh_dirty), so the host touches a page only
 * when the guest first needs it; freed frames go on
 * a list threaded through themselves and are cleared when reused.
 * A frame shared copy-on-write by processes counts its users: a count kept
 * beside the frames, at the start of free memory, 16 bits a frame.
 */
#include "frame.h"
#include "kernel/kernel.h"
#include "pcache.h"

static uint64_t next_fresh, end_fresh;
static uint64_t free_list; /* physical address of the first freed frame, or 0 */
static uint64_t freed;     /* frames on free_list */
static uint16_t *users;    /* users - 1 of each frame, by frame number */
bool frame_fresh_dirty;

void frame_init(uint64_t start, uint64_t end)
{
	uint64_t table = PAGE_UP((end / PAGE_SIZE) * sizeof(*users));
	users = phys_to_virt(PAGE_UP(start));
	/* Zero as the host gave it, unless a boot loader ran first: no page touched for nothing. */
	if (frame_fresh_dirty)
		memset(users, 0, table);
	next_fresh = PAGE_UP(start) + table;
	end_fresh = PAGE_DOWN(end);
}

uint64_t frame_alloc(void)
{
	/* Out of frames: the page cache gives back those no mapping uses. */
	if (!free_list && next_fresh >= end_fresh)
		pcache_shrink();
	if (free_list) {
		uint64_t pa = free_list;
		uint64_t *frame = phys_to_virt(pa);
		free_list = frame[0];
		freed--;
		memset(frame, 0, PAGE_SIZE);
		return pa;
	}
	if (next_fresh >= end_fresh)
		return 0;
	uint64_t pa = next_fresh;
	next_fresh += PAGE_SIZE;
	if (frame_fresh_dirty)
		memset(phys_to_virt(pa), 0, PAGE_SIZE);
	return pa;
}

void frame_free(uint64_t pa)
{
	if (users[pa / PAGE_SIZE]) {
		users[pa / PAGE_SIZE]--;
		return;
	}
	*(uint64_t *)phys_to_virt(pa) = free_list;
	free_list = pa;
	freed++;
}

bool frame_share(uint64_t pa)
{
	if (users[pa / PAGE_SIZE] == UINT16_MAX)
		return false;
	users[pa / PAGE_SIZE]++;
	return true;
}

bool frame_shared(uint64_t pa)
{
	return users[pa / PAGE_SIZE] != 0;
}

uint64_t frame_free_count(void)
{
	return freed + (end_fresh - next_fresh) / PAGE_SIZE;
}

uint64_t frame_alloc_block(uint64_t pages)
{
	uint64_t size = pages * PAGE_SIZE;
	uint64_t pa = (next_fresh + size - 1) & ~(size - 1);
	if (pa + size > end_fresh || pa < next_fresh)
		return 0;
	for (uint64_t skipped = next_fresh; skipped < pa; skipped += PAGE_SIZE)
		frame_free(skipped);
	next_fresh = pa + size;
	if (frame_fresh_dirty)
		memset(phys_to_virt(pa), 0, size);
	return pa;
}
