/*
 * The record lock table: a fixed pool (Linux has no limit but memory; ENOLCK
 * when it is full), searched whole, which is short while few files are locked.
 */
#include <asm-generic/fcntl.h>

#include "reclock_table.h"

#define LOCK_MAX 1024

static struct rlock pool[LOCK_MAX];
static unsigned used;

static bool same_key(const struct rlock *l, struct lock_key key)
{
	return l->used && l->key.dev == key.dev && l->key.ino == key.ino;
}

static bool overlap(const struct rlock *l, int64_t start, int64_t end)
{
	return l->start <= end && start <= l->end;
}

const struct rlock *rl_conflict(struct lock_key key, const void *owner, short type, int64_t start, int64_t end)
{
	for (unsigned i = 0; used && i < LOCK_MAX; i++) {
		const struct rlock *l = &pool[i];
		if (same_key(l, key) && l->owner != owner && overlap(l, start, end) &&
		    (l->type == F_WRLCK || type == F_WRLCK))
			return l;
	}
	return 0;
}

bool rl_room(void)
{
	return used + 2 <= LOCK_MAX;
}

static void add(struct rlock l)
{
	for (unsigned i = 0; i < LOCK_MAX; i++)
		if (!pool[i].used) {
			pool[i] = l;
			pool[i].used = true;
			used++;
			return;
		}
}

static void take(struct rlock *l)
{
	l->used = false;
	used--;
}

/* The owner's locks over [start, end] go; what sticks out of the range stays. */
static void clear(struct lock_key key, const void *owner, int64_t start, int64_t end)
{
	for (unsigned i = 0; i < LOCK_MAX; i++) {
		struct rlock *l = &pool[i];
		if (!same_key(l, key) || l->owner != owner || !overlap(l, start, end))
			continue;
		if (l->start < start && l->end > end) {
			struct rlock tail = *l;
			tail.start = end + 1;
			l->end = start - 1;
			add(tail);
		} else if (l->start < start) {
			l->end = start - 1;
		} else if (l->end > end) {
			l->start = end + 1;
		} else {
			take(l);
		}
	}
}

/* Widen [start, end] over the owner's touching locks of the same type, which go. */
static void merge(struct lock_key key, const void *owner, short type, int64_t *start, int64_t *end)
{
	for (unsigned i = 0; i < LOCK_MAX; i++) {
		struct rlock *l = &pool[i];
		bool touches = l->start <= (*end == RECLOCK_TO_END ? RECLOCK_TO_END : *end + 1) &&
			       *start <= (l->end == RECLOCK_TO_END ? RECLOCK_TO_END : l->end + 1);
		if (same_key(l, key) && l->owner == owner && l->type == type && touches) {
			*start = l->start < *start ? l->start : *start;
			*end = l->end > *end ? l->end : *end;
			take(l);
		}
	}
}

void rl_set(struct lock_key key, const void *owner, bool ofd, int pid, short type, int64_t start, int64_t end)
{
	clear(key, owner, start, end);
	if (type == F_UNLCK)
		return;
	merge(key, owner, type, &start, &end);
	add((struct rlock){ .ofd = ofd, .type = type, .pid = pid, .key = key, .owner = owner, .start = start, .end = end });
}

bool rl_holds(const struct lock_key *key, const void *owner)
{
	for (unsigned i = 0; used && i < LOCK_MAX; i++)
		if (pool[i].used && pool[i].owner == owner && (!key || same_key(&pool[i], *key)))
			return true;
	return false;
}

void rl_drop(const struct lock_key *key, const void *owner)
{
	for (unsigned i = 0; used && i < LOCK_MAX; i++)
		if (pool[i].used && pool[i].owner == owner && (!key || same_key(&pool[i], *key)))
			take(&pool[i]);
}

bool rl_next_gap(struct lock_key key, int64_t *from, int64_t end, int64_t *to)
{
	int64_t at = *from;
	for (bool moved = true; moved;) {
		moved = false;
		for (unsigned i = 0; i < LOCK_MAX; i++) {
			const struct rlock *l = &pool[i];
			if (!same_key(l, key) || l->ofd || l->start > at || l->end < at)
				continue;
			if (l->end >= end)
				return false;
			at = l->end + 1;
			moved = true;
		}
	}
	int64_t stop = end;
	for (unsigned i = 0; i < LOCK_MAX; i++) {
		const struct rlock *l = &pool[i];
		if (same_key(l, key) && !l->ofd && l->start > at && l->start - 1 < stop)
			stop = l->start - 1;
	}
	*from = at;
	*to = stop;
	return true;
}
