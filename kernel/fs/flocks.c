/*
 * flock(2) locks: each open file holding one is on a list, which a request
 * searches whole for another open file of the same file with a lock that
 * conflicts (either is exclusive); few files are locked at once. A wait
 * sleeps until a lock goes, or, when a process outside the machine holds the
 * host's lock, looks again every 10 ms. Converting a lock drops it first, as
 * on Linux, so a conversion may wait or fail, and then holds nothing.
 */
#include "fd.h"
#include "flocks.h"
#include "kernel/kernel.h"
#include "kernel/sched/waitq.h"
#include "kernel/time/ticks.h"
#include "kernel/uapi.h"
#include "kstat.h"
#include "vfs.h"

#define HOST_RETRY_NS 10000000ULL /* a lock outside the machine: look again this often */

static struct file *holders;  /* the open files holding a lock, linked through flock_next */
static struct waitq released; /* a lock went: waiters look again */

static bool conflicts(const struct file *f, int type)
{
	for (const struct file *h = holders; h; h = h->flock_next)
		if (h != f && h->dev == f->dev && h->ino == f->ino && (type == LOCK_EX || h->flock == LOCK_EX))
			return true;
	return false;
}

/* Forget f's lock and let the waiters look again; the file's own lock is the caller's. */
static void forget(struct file *f)
{
	struct file **p = &holders;
	while (*p != f)
		p = &(*p)->flock_next;
	*p = f->flock_next;
	f->flock = 0;
	waitq_wake_all(&released);
}

/* The file's own lock op, told without waiting; no op: nothing outside the machine shares the file. */
static long backing(struct file *f, int operation)
{
	return f->ops->flock ? f->ops->flock(f, operation | LOCK_NB) : 0;
}

static long acquire(struct file *f, int type, bool wait)
{
	for (;;) {
		bool here = conflicts(f, type);
		long r = here ? -EWOULDBLOCK : backing(f, type);
		if (!r)
			break;
		if (r != -EWOULDBLOCK || !wait)
			return r;
		uint64_t deadline = here ? 0 : rdtsc() + ns_to_tsc(HOST_RETRY_NS);
		if (waitq_wait_until(&released, deadline) == WAKE_SIGNAL)
			return -ERESTARTSYS;
	}
	/* Another request on the same open file (another thread's or process's) won while this one slept: replace it. */
	if (f->flock)
		forget(f);
	f->flock = (short)type;
	f->flock_next = holders;
	holders = f;
	return 0;
}

long flocks_flock(struct file *f, int operation)
{
	int type = operation & ~LOCK_NB;
	long r = vfs_identify(f);
	if (r)
		return r;
	if (f->flock == type)
		return 0;
	if (f->flock) {
		forget(f);
		backing(f, LOCK_UN);
	}
	return type == LOCK_UN ? 0 : acquire(f, type, !(operation & LOCK_NB));
}

void flocks_file_gone(struct file *f)
{
	/* The file's release drops its own lock. */
	if (f->flock)
		forget(f);
}
