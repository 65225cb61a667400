/*
 * The page cache's index: one open-addressed table with linear probing. A
 * removal shifts the entries after it back towards their home slots, so no
 * tombstones build up however often pages come and go.
 */
#include "kernel/kernel.h"
#include "pcache_table.h"

_Static_assert((PTAB_SLOTS & (PTAB_SLOTS - 1)) == 0, "a power of two");

struct slot {
	uint64_t key; /* file << 48 | index; 0 for an empty slot (files count from 1) */
	uint64_t pa;
};

static struct slot slots[PTAB_SLOTS];
static unsigned used;

static uint64_t key_of(uint16_t file, uint64_t index)
{
	return (uint64_t)file << 48 | (index & ((1ULL << 48) - 1));
}

static unsigned home(uint64_t key)
{
	return (unsigned)((key * 0x9e3779b97f4a7c15ULL) >> 40) & (PTAB_SLOTS - 1);
}

/* The slot holding key, or the empty one where it would go. */
static unsigned probe(uint64_t key)
{
	unsigned i = home(key);
	while (slots[i].key && slots[i].key != key)
		i = (i + 1) & (PTAB_SLOTS - 1);
	return i;
}

uint64_t ptab_find(uint16_t file, uint64_t index)
{
	const struct slot *s = &slots[probe(key_of(file, index))];
	return s->key ? s->pa : 0;
}

bool ptab_insert(uint16_t file, uint64_t index, uint64_t pa)
{
	/* A slot stays empty so that every probe ends. */
	if (used == PTAB_SLOTS - 1)
		return false;
	struct slot *s = &slots[probe(key_of(file, index))];
	if (!s->key)
		used++;
	*s = (struct slot){ key_of(file, index), pa };
	return true;
}

/* Empty slot i, moving back each later entry of the run that may sit there. */
static void vacate(unsigned i)
{
	unsigned j = i;
	for (;;) {
		j = (j + 1) & (PTAB_SLOTS - 1);
		if (!slots[j].key)
			break;
		unsigned h = home(slots[j].key);
		/* Entry j may move to i if its home is not cyclically within (i, j]. */
		bool stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
		if (stays)
			continue;
		slots[i] = slots[j];
		i = j;
	}
	slots[i].key = 0;
	used--;
}

uint64_t ptab_remove(uint16_t file, uint64_t index)
{
	unsigned i = probe(key_of(file, index));
	if (!slots[i].key)
		return 0;
	uint64_t pa = slots[i].pa;
	vacate(i);
	return pa;
}

void ptab_sweep(bool (*keep)(uint16_t file, uint64_t pa), void (*gone)(uint16_t file, uint64_t pa))
{
	/* A removal may move a later entry into slot i: look at it again. */
	for (unsigned i = 0; i < PTAB_SLOTS;) {
		struct slot s = slots[i];
		if (!s.key || keep((uint16_t)(s.key >> 48), s.pa)) {
			i++;
			continue;
		}
		vacate(i);
		gone((uint16_t)(s.key >> 48), s.pa);
	}
}
