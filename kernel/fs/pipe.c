/*
 * Pipes inside the VM: a one-page ring between a read end and a write end.
 * Readers of an empty pipe and writers to a full one sleep until the other
 * side acts. When the program has a single thread, such a wait can never
 * end: where Linux would hang forever, the program is stopped with a
 * message instead. A FIFO (a node of the in-memory file system, mkfifo) is
 * a pipe its opens by name share while any is open.
 */
#include "fd.h"
#include "kernel/events/poll.h"
#include "kernel/kernel.h"
#include "kernel/mm/frame.h"
#include "kernel/mm/uaccess.h"
#include "kernel/sched/thread.h"
#include "kernel/sched/waitq.h"
#include "kernel/uapi.h"
#include "kstat.h"
#include "pipe.h"
#include "ramfs/ramfs.h"
#include "splice.h"

#define PIPE_MAX 64
#define PIPE_SIZE PAGE_SIZE

struct pipe {
	char *buf; /* a frame; NULL when the pipe is free */
	uint64_t head, tail; /* bytes written and read so far */
	int readers, writers;
	struct waitq readable, writable;
	/*
	 * A splice is taking bytes from the ring's tail (draining) or putting
	 * them at its head (filling) while it may sleep in the other file's op:
	 * until it is done, that end of the ring is its alone, as Linux's pipe
	 * lock makes readers and writers wait (even with O_NONBLOCK).
	 */
	bool draining, filling;
	struct rnode *fifo;           /* the FIFO whose pipe this is, or 0 (pipe(2)) */
	uint64_t read_opens, write_opens; /* a FIFO's opens so far, for opens waiting for the other side */
	struct waitq opened;
};

static struct pipe pipes[PIPE_MAX];

static _Noreturn void deadlock(const char *what)
{
	kmsg("the program would wait forever %s a pipe only it can %s\n", what,
		what[0] == 'r' ? "fill" : "drain");
	app_killed(SIGKILL);
}

/* Wait for bytes to read, the tail not draining: 1, 0 at the end of the data, or -errno. */
static long wait_data(struct pipe *p, bool nonblock)
{
	while (p->draining || p->head == p->tail) {
		if (!p->draining && !p->writers)
			return 0;
		if (!p->draining && nonblock)
			return -EAGAIN;
		if (thread_count() == 1)
			deadlock("reading");
		if (waitq_wait(&p->readable) == WAKE_SIGNAL)
			return -ERESTARTSYS;
	}
	return 1;
}

/*
 * Wait for room for a write of total bytes, the head not filling: up to
 * PIPE_BUF bytes go in whole, so they wait for room for all. 0 or -errno.
 */
static long wait_room(struct pipe *p, size_t total, bool nonblock)
{
	for (;;) {
		if (!p->readers)
			return -EPIPE;
		uint64_t space = PIPE_SIZE - (p->head - p->tail);
		if (!p->filling && (!total || (space && (total > PIPE_SIZE || total <= space))))
			return 0;
		if (!p->filling && nonblock)
			return -EAGAIN;
		if (thread_count() == 1)
			deadlock("writing");
		if (waitq_wait(&p->writable) == WAKE_SIGNAL)
			return -ERESTARTSYS;
	}
}

static long pipe_readv(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	struct pipe *p = &pipes[f->handle];
	(void)offset;
	long done = wait_data(p, f->flags & O_NONBLOCK);
	if (done <= 0)
		return done;
	done = 0;
	for (int i = 0; i < n && p->tail < p->head; i++) {
		for (size_t at = 0; at < iov[i].len && p->tail < p->head;) {
			uint64_t off = p->tail % PIPE_SIZE;
			uint64_t k = p->head - p->tail;
			if (k > PIPE_SIZE - off)
				k = PIPE_SIZE - off;
			if (k > iov[i].len - at)
				k = iov[i].len - at;
			if (copy_to_user((char *)iov[i].base + at, p->buf + off, k))
				return done ? done : -EFAULT;
			p->tail += k;
			at += k;
			done += (long)k;
		}
	}
	waitq_wake_all(&p->writable);
	return done;
}

static long pipe_writev(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	struct pipe *p = &pipes[f->handle];
	(void)offset;
	size_t total = 0;
	for (int i = 0; i < n; i++)
		total += iov[i].len;
	long done = wait_room(p, total, f->flags & O_NONBLOCK);
	if (done)
		return done;
	for (int i = 0; i < n && p->head - p->tail < PIPE_SIZE; i++) {
		for (size_t at = 0; at < iov[i].len && p->head - p->tail < PIPE_SIZE;) {
			uint64_t off = p->head % PIPE_SIZE;
			uint64_t k = PIPE_SIZE - (p->head - p->tail);
			if (k > PIPE_SIZE - off)
				k = PIPE_SIZE - off;
			if (k > iov[i].len - at)
				k = iov[i].len - at;
			if (copy_from_user(p->buf + off, (const char *)iov[i].base + at, k))
				return done ? done : -EFAULT;
			p->head += k;
			at += k;
			done += (long)k;
		}
	}
	waitq_wake_all(&p->readable);
	return done;
}

/* The ring's bytes from off on, len of them, as at most two pieces. */
static int ring_pieces(struct pipe *p, uint64_t off, uint64_t len, struct kiovec *iov)
{
	off %= PIPE_SIZE;
	iov[0] = (struct kiovec){ p->buf + off, len < PIPE_SIZE - off ? len : PIPE_SIZE - off };
	iov[1] = (struct kiovec){ p->buf, len - iov[0].len };
	return iov[1].len ? 2 : 1;
}

long pipe_splice_out(struct file *pipe, struct file *out, int64_t out_offset, size_t len, bool nonblock)
{
	struct pipe *p = &pipes[pipe->handle];
	struct kiovec iov[2];
	long ready = wait_data(p, nonblock);
	if (ready <= 0)
		return ready;
	if (!out->ops->writev)
		return -EINVAL;
	uint64_t avail = p->head - p->tail;
	int n = ring_pieces(p, p->tail, avail < len ? avail : len, iov);
	p->draining = true;
	uaccess_kernel_begin(p->buf, PIPE_SIZE);
	long put = out->ops->writev(out, iov, n, out_offset);
	uaccess_kernel_end();
	p->draining = false;
	splice_mapped(0, 0, 0, out, out_offset, put);
	if (put > 0)
		p->tail += (uint64_t)put;
	waitq_wake_all(&p->readable);
	waitq_wake_all(&p->writable);
	return put;
}

long pipe_splice_in(struct file *in, int64_t in_offset, struct file *pipe, size_t len, bool nonblock)
{
	struct pipe *p = &pipes[pipe->handle];
	struct kiovec iov[2];
	long err = wait_room(p, 1, nonblock);
	if (err)
		return err;
	if (!in->ops->readv)
		return -EINVAL;
	uint64_t room = PIPE_SIZE - (p->head - p->tail);
	int n = ring_pieces(p, p->head, room < len ? room : len, iov);
	p->filling = true;
	splice_mapped(in, in_offset, len, 0, 0, 0);
	uaccess_kernel_begin(p->buf, PIPE_SIZE);
	long got = in->ops->readv(in, iov, n, in_offset);
	uaccess_kernel_end();
	p->filling = false;
	if (got > 0)
		p->head += (uint64_t)got;
	waitq_wake_all(&p->readable);
	waitq_wake_all(&p->writable);
	return got;
}

static long pipe_fstat(struct file *f, struct kstat *st)
{
	if (pipes[f->handle].fifo) {
		ramfs_stat(pipes[f->handle].fifo, st);
		return 0;
	}
	memset(st, 0, sizeof(*st));
	st->dev = 0xc;
	st->ino = 1000 + (uint64_t)f->handle;
	st->nlink = 1;
	st->mode = S_IFIFO | 0600;
	st->uid = boot->uid;
	st->gid = boot->gid;
	st->blksize = PIPE_SIZE;
	return 0;
}

static long pipe_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	struct pipe *p = &pipes[f->handle];
	int ready = (int)(p->head - p->tail);
	if (cmd != FIONREAD)
		return -ENOTTY;
	return copy_to_user((void *)arg, &ready, sizeof(ready));
}

/* No end left: the ring goes, a FIFO's data with it, and its node is let go. */
static void free_unused(struct pipe *p)
{
	if (p->readers || p->writers)
		return;
	frame_free(virt_to_phys(p->buf));
	p->buf = 0;
	if (p->fifo) {
		p->fifo->opens--;
		ramfs_node_put(p->fifo);
		p->fifo = 0;
	}
}

static void drop_end(struct pipe *p, int acc)
{
	if (acc != O_WRONLY)
		p->readers--;
	if (acc != O_RDONLY)
		p->writers--;
	waitq_wake_all(&p->readable);
	waitq_wake_all(&p->writable);
	free_unused(p);
}

static void pipe_release(struct file *f)
{
	drop_end(&pipes[f->handle], f->flags & O_ACCMODE);
	if (f->path)
		frame_free(virt_to_phys(f->path));
}

static unsigned pipe_poll(struct file *f, struct poll_info *pi)
{
	struct pipe *p = &pipes[f->handle];
	int acc = f->flags & O_ACCMODE;
	pi->seq += p->readable.seq + p->writable.seq;
	unsigned ready = 0;
	if (acc != O_WRONLY)
		ready |= (p->head != p->tail ? POLL_READ : 0) | (p->writers ? 0 : POLLHUP);
	if (acc != O_RDONLY)
		ready |= (p->head - p->tail < PIPE_SIZE ? POLL_WRITE : 0) | (p->readers ? 0 : POLLERR);
	return ready;
}

static const struct file_ops pipe_ops = {
	.readv = pipe_readv,
	.writev = pipe_writev,
	.fstat = pipe_fstat,
	.ioctl = pipe_ioctl,
	.poll = pipe_poll,
	.release = pipe_release,
	.link = "pipe:[%lu]",
};

bool pipe_file(const struct file *f)
{
	return f->ops == &pipe_ops;
}

/* A free pipe with its ring, or -ENFILE. */
static int pipe_new(void)
{
	int i = 0;
	while (i < PIPE_MAX && pipes[i].buf)
		i++;
	uint64_t frame = i < PIPE_MAX ? frame_alloc() : 0;
	if (!frame)
		return -ENFILE;
	pipes[i] = (struct pipe){ .buf = phys_to_virt(frame) };
	return i;
}

/* Wait until *count moves past seen (the other side opened): 0, or -ERESTARTSYS for a signal. */
static long wait_partner(struct pipe *p, const uint64_t *count, uint64_t seen)
{
	while (*count == seen)
		if (waitq_wait(&p->opened) == WAKE_SIGNAL)
			return -ERESTARTSYS;
	return 0;
}

long pipe_open_fifo(struct rnode *node, char *path, int flags)
{
	int acc = flags & O_ACCMODE;
	bool nonblock = flags & O_NONBLOCK;
	int i = 0;
	while (i < PIPE_MAX && !(pipes[i].buf && pipes[i].fifo == node))
		i++;
	if (i == PIPE_MAX && (i = pipe_new()) >= 0) {
		pipes[i].fifo = node;
		node->opens++;
	}
	struct file *f = i < 0 ? 0 : file_alloc();
	if (!f) {
		if (i >= 0)
			free_unused(&pipes[i]);
		frame_free(virt_to_phys(path));
		return -ENFILE;
	}
	*f = (struct file){ .ops = &pipe_ops, .refs = 1, .handle = i, .flags = flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_NOCTTY),
			    .stream = true, .path = path };
	struct pipe *p = &pipes[i];
	if (acc == O_WRONLY && nonblock && !p->readers) {
		p->writers++; /* file_put undoes it */
		file_put(f);
		return -ENXIO;
	}
	if (acc != O_WRONLY) {
		p->readers++;
		p->read_opens++;
	}
	if (acc != O_RDONLY) {
		p->writers++;
		p->write_opens++;
	}
	waitq_wake_all(&p->opened);
	/* Without O_NONBLOCK, one end waits for the other, as Linux's FIFOs do (O_RDWR never). */
	long err = 0;
	if (acc == O_RDONLY && !nonblock && !p->writers)
		err = wait_partner(p, &p->write_opens, p->write_opens);
	else if (acc == O_WRONLY && !p->readers)
		err = wait_partner(p, &p->read_opens, p->read_opens);
	if (err) {
		file_put(f);
		return err;
	}
	return fd_install(f, (flags & O_CLOEXEC) != 0);
}

long pipe_create(int *ufds, int flags)
{
	int fds[2];
	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	int i = pipe_new();
	if (i < 0)
		return i;
	struct file *r = file_alloc(), *w = r ? file_alloc() : 0;
	if (!w) {
		if (r)
			file_put(r);
		free_unused(&pipes[i]);
		return -ENFILE;
	}
	pipes[i].readers = pipes[i].writers = 1;
	int extra = flags & O_NONBLOCK;
	*r = (struct file){ .ops = &pipe_ops, .refs = 1, .handle = i, .flags = O_RDONLY | extra, .stream = true };
	*w = (struct file){ .ops = &pipe_ops, .refs = 1, .handle = i, .flags = O_WRONLY | extra, .stream = true };
	fds[0] = fd_install(r, flags & O_CLOEXEC);
	fds[1] = fds[0] < 0 ? -EMFILE : fd_install(w, flags & O_CLOEXEC);
	if (fds[1] < 0) {
		if (fds[0] >= 0)
			fd_close(fds[0]);
		else
			file_put(w);
		return -EMFILE;
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}
