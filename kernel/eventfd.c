/*
 * eventfd: reads take the counter (or one, with EFD_SEMAPHORE) and sleep
 * while it is zero; writes add to it and sleep while it would overflow.
 */
#include <asm-generic/errno.h>
#include <asm-generic/fcntl.h>

#include "eventfd.h"
#include "fd.h"
#include "kernel.h"
#include "kstat.h"
#include "thread.h"
#include "uaccess.h"
#include "waitq.h"

#define EVENTFD_MAX 64
#define EFD_SEMAPHORE 1
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
	return waitq_wait(q) == WAKE_SIGNAL ? -EINTR : 0;
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

static long eventfd_fstat(struct file *f, struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	st->dev = 0xe;
	st->ino = 2000 + (uint64_t)f->handle;
	st->nlink = 1;
	st->mode = 0600;
	st->uid = boot->uid;
	st->gid = boot->gid;
	st->blksize = PAGE_SIZE;
	return 0;
}

static void eventfd_release(struct file *f)
{
	eventfds[f->handle].used = false;
}

static const struct file_ops eventfd_ops = {
	.readv = eventfd_readv,
	.writev = eventfd_writev,
	.fstat = eventfd_fstat,
	.release = eventfd_release,
};

long eventfd_create(uint64_t initval, int flags)
{
	if (flags & ~(O_CLOEXEC | O_NONBLOCK | EFD_SEMAPHORE))
		return -EINVAL;
	int i = 0;
	while (i < EVENTFD_MAX && eventfds[i].used)
		i++;
	struct file *f = i < EVENTFD_MAX ? file_alloc() : 0;
	if (!f)
		return -ENFILE;
	eventfds[i] = (struct eventfd){ .used = true, .semaphore = flags & EFD_SEMAPHORE, .count = (uint32_t)initval };
	*f = (struct file){ .ops = &eventfd_ops, .refs = 1, .handle = i, .flags = O_RDWR | (flags & O_NONBLOCK),
			    .stream = true };
	int fd = fd_install(f, flags & O_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}
