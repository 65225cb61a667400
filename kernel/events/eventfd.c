/*
 * eventfd: reads take the counter (or one, with EFD_SEMAPHORE) and sleep
 * while it is zero; writes add to it and sleep while it would overflow.
 */
#include "eventfd.h"
#include "kernel/fs/anonfile.h"
#include "kernel/fs/fd.h"
#include "kernel/kernel.h"
#include "kernel/fs/kstat.h"
#include "poll.h"
#include "kernel/sched/thread.h"
#include "kernel/mm/uaccess.h"
#include "kernel/sched/waitq.h"
#include "kernel/uapi.h"

#define EVENTFD_MAX 64
#define COUNT_MAX 0xfffffffffffffffeULL

struct eventfd {
	bool used;
	bool semaphore;
	uint64_t count;
	struct waitq readable, writable;
};

static struct eventfd eventfds[EVENTFD_MAX];

/* Sleep on q until woken or a signal; -EAGAIN at once for a non-blocking descriptor. */
static long wait_for(struct file *f, struct waitq *q)
{
	if (f->flags & O_NONBLOCK)
		return -EAGAIN;
	return waitq_wait(q) == WAKE_SIGNAL ? -ERESTARTSYS : 0;
}

static long eventfd_readv(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	struct eventfd *e = &eventfds[f->handle];
	(void)offset;
	if (n < 1 || iov[0].len < sizeof(uint64_t))
		return -EINVAL;
	while (!e->count) {
		long err = wait_for(f, &e->readable);
		if (err)
			return err;
	}
	uint64_t v = e->semaphore ? 1 : e->count;
	if (copy_to_user(iov[0].base, &v, sizeof(v)))
		return -EFAULT;
	e->count -= v;
	waitq_wake_all(&e->writable);
	return sizeof(v);
}

static long eventfd_writev(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	struct eventfd *e = &eventfds[f->handle];
	uint64_t v;
	(void)offset;
	if (n < 1 || iov[0].len < sizeof(v))
		return -EINVAL;
	if (copy_from_user(&v, iov[0].base, sizeof(v)))
		return -EFAULT;
	if (v > COUNT_MAX)
		return -EINVAL;
	while (COUNT_MAX - e->count < v) {
		long err = wait_for(f, &e->writable);
		if (err)
			return err;
	}
	e->count += v;
	waitq_wake_all(&e->readable);
	return sizeof(v);
}

static unsigned eventfd_poll(struct file *f, struct poll_info *pi)
{
	struct eventfd *e = &eventfds[f->handle];
	pi->seq += e->readable.seq + e->writable.seq;
	return (e->count ? POLL_READ : 0) | (e->count < COUNT_MAX ? POLL_WRITE : 0);
}

static void eventfd_release(struct file *f)
{
	eventfds[f->handle].used = false;
}

static const struct file_ops eventfd_ops = {
	.readv = eventfd_readv,
	.writev = eventfd_writev,
	.fstat = anon_fstat,
	.poll = eventfd_poll,
	.release = eventfd_release,
	.link = "anon_inode:[eventfd]",
};

long eventfd_create(uint64_t initval, int flags)
{
	if (flags & ~(O_CLOEXEC | O_NONBLOCK | EFD_SEMAPHORE))
		return -EINVAL;
	int i = 0;
	while (i < EVENTFD_MAX && eventfds[i].used)
		i++;
	if (i == EVENTFD_MAX)
		return -ENFILE;
	eventfds[i] = (struct eventfd){ .used = true, .semaphore = flags & EFD_SEMAPHORE, .count = (uint32_t)initval };
	return anon_open(&eventfd_ops, i, flags);
}
