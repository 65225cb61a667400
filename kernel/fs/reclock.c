/*
 * Record locks: POSIX ones belong to a process's descriptor table (Linux's
 * owner too), so fork's child holds none and closing any descriptor of the
 * file drops them; OFD ones belong to the open file. F_SETLKW sleeps until
 * the conflicting lock goes, ends with a signal, and finds the deadlocks
 * Linux finds: a chain of POSIX waiters leading back to the caller.
 */
#include "fd.h"
#include "kernel/kernel.h"
#include "kernel/proc/proc.h"
#include "kernel/sched/waitq.h"
#include "kernel/time/ticks.h"
#include "kernel/uapi.h"
#include "kstat.h"
#include "reclock.h"
#include "reclock_table.h"

#define DEADLOCK_STEPS 10         /* Linux's MAX_DEADLK_ITERATIONS */
#define HOST_RETRY_NS 10000000ULL /* a lock outside the machine: look again this often */

/* A thread in F_SETLKW and the owner it waits for. */
struct waiter {
	struct waiter *next;
	const void *owner, *blocker;
};

static struct waiter *waiters;
static struct waitq released; /* a lock went or changed: waiters look again */

static bool deadlock(const void *self, const void *blocker)
{
	for (int i = 0; i < DEADLOCK_STEPS && blocker; i++) {
		const struct waiter *w = waiters;
		while (w && w->owner != blocker)
			w = w->next;
		if (!w)
			return false;
		blocker = w->blocker;
		if (blocker == self)
			return true;
	}
	return false;
}

static enum wake_reason wait_for(const void *owner, const void *blocker, uint64_t deadline)
{
	struct waiter w = { waiters, owner, blocker };
	waiters = &w;
	enum wake_reason why = waitq_wait_until(&released, deadline);
	for (struct waiter **p = &waiters; *p; p = &(*p)->next)
		if (*p == &w) {
			*p = w.next;
			break;
		}
	return why;
}

/* Tell the file's own lock op: set (F_SETLK, never waiting) or unlock [start, end]. */
static long backing_set(struct file *f, bool ofd, short type, int64_t start, int64_t end)
{
	struct flock req = { .l_type = type, .l_whence = SEEK_SET, .l_start = start,
			     .l_len = end == RECLOCK_TO_END ? 0 : end - start + 1 };
	return f->ops->lock(f, ofd ? F_OFD_SETLK : F_SETLK, &req);
}

/* [start, end] left by a POSIX owner: what no other process holds goes from the file's own locks too. */
static void backing_release(struct file *f, struct lock_key key, int64_t start, int64_t end)
{
	for (int64_t to; rl_next_gap(key, &start, end, &to) && (backing_set(f, false, F_UNLCK, start, to), to < end);)
		start = to + 1;
}

static bool file_key(struct file *f, struct lock_key *key, int64_t *size)
{
	struct kstat st;
	if (!f->ops->fstat || f->ops->fstat(f, &st) < 0)
		return false;
	*key = (struct lock_key){ st.dev, st.ino };
	*size = st.size;
	return true;
}

/* fl's range made absolute and inclusive, as Linux checks it. */
static long lock_range(struct file *f, const struct flock *fl, int64_t size, int64_t *start, int64_t *end)
{
	int64_t base = fl->l_whence == SEEK_SET ? 0 : fl->l_whence == SEEK_CUR ? file_pos(f) : size;
	if (fl->l_whence != SEEK_SET && fl->l_whence != SEEK_CUR && fl->l_whence != SEEK_END)
		return -EINVAL;
	if (base > 0 && fl->l_start > RECLOCK_TO_END - base)
		return -EOVERFLOW;
	*start = base + fl->l_start;
	if (*start < 0)
		return -EINVAL;
	if (fl->l_len > 0) {
		if (fl->l_len - 1 > RECLOCK_TO_END - *start)
			return -EOVERFLOW;
		*end = *start + fl->l_len - 1;
	} else if (fl->l_len == 0) {
		*end = RECLOCK_TO_END;
	} else {
		*end = *start - 1;
		*start += fl->l_len;
	}
	return *start < 0 ? -EINVAL : 0;
}

static void report(const struct rlock *c, struct flock *fl)
{
	*fl = (struct flock){ .l_type = c->type, .l_whence = SEEK_SET, .l_start = c->start,
			      .l_len = c->end == RECLOCK_TO_END ? 0 : c->end - c->start + 1, .l_pid = c->ofd ? -1 : c->pid };
}

/* Wait until nothing here or outside the machine conflicts, then hold the lock. */
static long acquire(struct file *f, struct lock_key key, const void *owner, bool ofd, bool wait, short type,
		    int64_t start, int64_t end)
{
	for (;;) {
		const struct rlock *c = rl_conflict(key, owner, type, start, end);
		long r = -EAGAIN;
		if (!c) {
			if (!rl_room())
				return -ENOLCK;
			r = backing_set(f, ofd, type, start, end);
			if (!r)
				break;
			if (r != -EAGAIN && r != -EACCES)
				return r;
		}
		if (!wait)
			return r;
		if (c && !ofd && !c->ofd && deadlock(owner, c->owner))
			return -EDEADLK;
		uint64_t deadline = c ? 0 : rdtsc() + ns_to_tsc(HOST_RETRY_NS);
		if (wait_for(ofd ? 0 : owner, c ? c->owner : 0, deadline) == WAKE_SIGNAL)
			return -ERESTARTSYS;
	}
	rl_set(key, owner, ofd, proc_current()->pid, type, start, end);
	waitq_wake_all(&released); /* a write lock made read lets readers in */
	return 0;
}

long reclock_fcntl(struct file *f, unsigned cmd, struct flock *fl)
{
	bool ofd = cmd == F_OFD_GETLK || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
	bool get = cmd == F_GETLK || cmd == F_OFD_GETLK;
	struct lock_key key;
	int64_t size, start, end;
	if (!f->ops->lock || (ofd && fl->l_pid != 0))
		return -EINVAL;
	if (fl->l_type != F_RDLCK && fl->l_type != F_WRLCK && (fl->l_type != F_UNLCK || get))
		return -EINVAL;
	if (!file_key(f, &key, &size))
		return -EINVAL;
	long r = lock_range(f, fl, size, &start, &end);
	if (r)
		return r;
	const void *owner = ofd ? (const void *)f : (const void *)proc_current()->files;
	if (get) {
		const struct rlock *c = rl_conflict(key, owner, fl->l_type, start, end);
		if (c) {
			report(c, fl);
			return 0;
		}
		/* Processes outside the machine: the file's own op answers. */
		fl->l_whence = SEEK_SET;
		fl->l_start = start;
		fl->l_len = end == RECLOCK_TO_END ? 0 : end - start + 1;
		return f->ops->lock(f, cmd, fl);
	}
	int mode = f->flags & O_ACCMODE;
	if ((fl->l_type == F_RDLCK && mode == O_WRONLY) || (fl->l_type == F_WRLCK && mode == O_RDONLY))
		return -EBADF;
	if (fl->l_type != F_UNLCK)
		return acquire(f, key, owner, ofd, cmd == F_SETLKW || cmd == F_OFD_SETLKW, fl->l_type, start, end);
	rl_set(key, owner, ofd, 0, F_UNLCK, start, end);
	waitq_wake_all(&released);
	if (ofd)
		backing_set(f, true, F_UNLCK, start, end);
	else
		backing_release(f, key, start, end);
	return 0;
}

void reclock_close(struct files *owner, struct file *f)
{
	struct lock_key key;
	int64_t size;
	if (!rl_holds(0, owner) || !f->ops || !f->ops->lock || !file_key(f, &key, &size) || !rl_holds(&key, owner))
		return;
	rl_drop(&key, owner);
	waitq_wake_all(&released);
	backing_release(f, key, 0, RECLOCK_TO_END);
}

void reclock_file_gone(struct file *f)
{
	if (!rl_holds(0, f))
		return;
	rl_drop(0, f);
	waitq_wake_all(&released);
}
