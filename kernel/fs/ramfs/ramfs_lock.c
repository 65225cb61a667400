/*
 * Record locks (fcntl F_GETLK/F_SETLK/F_SETLKW and the F_OFD_ ones) on the
 * in-memory file system. POSIX locks belong to the process, the only one, so
 * they never conflict among themselves and all go when it closes any handle
 * on the file; OFD locks belong to their handle and go when it closes. Locks
 * of different owners conflict when their ranges overlap and one is a write
 * lock. Setting a lock replaces its owner's locks over the range, splitting
 * them, and merges with its owner's adjacent ones of the same type. Nothing
 * ever waits here: a conflicting F_SETLKW fails with EDEADLK (the one process
 * would wait on itself, unless another of its threads unlocks).
 */
#include <asm-generic/errno.h>
#include <asm-generic/fcntl.h>

#include "ramfs.h"
#include "slab.h"
#include "kernel/kernel.h"
#include "kernel/proc/proc.h"

#define SEEK_SET 0
#define SEEK_END 2
#define TO_END INT64_MAX
#define POSIX_OWNER 0 /* the process; OFD locks are owned by their handle */

struct rlock {
	struct rlock *next;
	const struct rnode *node;
	int32_t owner;
	int16_t type;
	int64_t start, end; /* inclusive; end TO_END: to the end of the file, however long */
};

static struct rlock *locks;

static bool overlap(const struct rlock *l, int64_t start, int64_t end)
{
	return l->start <= end && start <= l->end;
}

static struct rlock *conflict(const struct rnode *n, int32_t owner, int16_t type, int64_t start, int64_t end)
{
	for (struct rlock *l = locks; l; l = l->next)
		if (l->node == n && l->owner != owner && overlap(l, start, end) &&
		    (l->type == F_WRLCK || type == F_WRLCK))
			return l;
	return 0;
}

static long add(const struct rnode *n, int32_t owner, int16_t type, int64_t start, int64_t end)
{
	struct rlock *l = slab_alloc(sizeof(*l));
	if (!l)
		return -ENOLCK;
	*l = (struct rlock){ locks, n, owner, type, start, end };
	locks = l;
	return 0;
}

/* The owner's locks over [start, end] go; what sticks out of the range stays. */
static long clear(const struct rnode *n, int32_t owner, int64_t start, int64_t end)
{
	for (struct rlock **p = &locks; *p;) {
		struct rlock *l = *p;
		if (l->node != n || l->owner != owner || !overlap(l, start, end)) {
			p = &l->next;
			continue;
		}
		if (l->start < start && l->end > end) {
			long err = add(n, owner, l->type, end + 1, l->end);
			if (err)
				return err;
			l->end = start - 1;
			return 0;
		}
		if (l->start < start) {
			l->end = start - 1;
		} else if (l->end > end) {
			l->start = end + 1;
		} else {
			*p = l->next;
			slab_free(l, sizeof(*l));
			continue;
		}
		p = &l->next;
	}
	return 0;
}

/* Widen [start, end] over the owner's touching locks of the same type, which go. */
static void merge(const struct rnode *n, int32_t owner, int16_t type, int64_t *start, int64_t *end)
{
	for (struct rlock **p = &locks; *p;) {
		struct rlock *l = *p;
		bool touches = l->start <= (*end == TO_END ? TO_END : *end + 1) &&
			       *start <= (l->end == TO_END ? TO_END : l->end + 1);
		if (l->node == n && l->owner == owner && l->type == type && touches) {
			*start = l->start < *start ? l->start : *start;
			*end = l->end > *end ? l->end : *end;
			*p = l->next;
			slab_free(l, sizeof(*l));
			continue;
		}
		p = &l->next;
	}
}

void ramfs_unlock_all(const struct rnode *n, int32_t handle)
{
	for (struct rlock **p = &locks; *p;) {
		struct rlock *l = *p;
		if (l->node == n && (l->owner == POSIX_OWNER || l->owner == handle)) {
			*p = l->next;
			slab_free(l, sizeof(*l));
		} else {
			p = &l->next;
		}
	}
}

long ramfs_lock(struct rnode *n, int32_t handle, bool readable, bool writable, uint64_t cmd, struct rflock *fl)
{
	bool ofd = cmd == F_OFD_GETLK || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
	bool get = cmd == F_GETLK || cmd == F_OFD_GETLK;
	if ((!ofd && cmd != F_GETLK && cmd != F_SETLK && cmd != F_SETLKW) || (ofd && fl->pid != 0))
		return -EINVAL;
	if (fl->type != F_RDLCK && fl->type != F_WRLCK && (fl->type != F_UNLCK || get))
		return -EINVAL;
	if (fl->whence != SEEK_SET && fl->whence != SEEK_END)
		return -EINVAL;
	int64_t start = fl->start + (fl->whence == SEEK_END ? n->size : 0), end;
	if (fl->len > 0) {
		end = start + fl->len - 1;
	} else if (fl->len == 0) {
		end = TO_END;
	} else {
		end = start - 1;
		start += fl->len;
	}
	if (start < 0 || end < start)
		return -EINVAL;
	int32_t owner = ofd ? handle : POSIX_OWNER;
	struct rlock *c = fl->type == F_UNLCK ? 0 : conflict(n, owner, fl->type, start, end);
	if (get) {
		if (!c) {
			fl->type = F_UNLCK;
			return 0;
		}
		*fl = (struct rflock){ .type = c->type, .whence = SEEK_SET, .start = c->start,
				       .len = c->end == TO_END ? 0 : c->end - c->start + 1,
				       .pid = c->owner == POSIX_OWNER ? PROC_PID : -1 };
		return 0;
	}
	if ((fl->type == F_RDLCK && !readable) || (fl->type == F_WRLCK && !writable))
		return -EBADF;
	if (c)
		return cmd == F_SETLK || cmd == F_OFD_SETLK ? -EAGAIN : -EDEADLK;
	long err = clear(n, owner, start, end);
	if (err || fl->type == F_UNLCK)
		return err;
	merge(n, owner, fl->type, &start, &end);
	return add(n, owner, fl->type, start, end);
}
