/* An AF_UNIX socket's received messages in a ring of pages (kernel/net/unix_queue.h). */
#include "kernel/uapi.h"

#include "kernel/mm/frame.h"
#include "kernel/kernel.h"
#include "kernel/mm/uaccess.h"
#include "unix_queue.h"

/* The byte at ring position pos and how many follow it in its page; 0 if its page is missing and not made. */
static char *at(struct uq *q, uint64_t pos, uint64_t *avail, bool make)
{
	uint64_t *page = &q->page[pos / PAGE_SIZE % UQ_PAGES];
	if (!*page && (!make || !(*page = frame_alloc())))
		return 0;
	*avail = PAGE_SIZE - pos % PAGE_SIZE;
	return (char *)phys_to_virt(*page) + pos % PAGE_SIZE;
}

/* Between the ring at pos and kernel memory (pages already there). */
static void kcopy(struct uq *q, uint64_t pos, void *buf, uint64_t n, bool to_ring)
{
	char *b = buf;
	while (n) {
		uint64_t avail = 0;
		char *p = at(q, pos, &avail, false);
		uint64_t k = n < avail ? n : avail;
		if (to_ring)
			memcpy(p, b, k);
		else
			memcpy(b, p, k);
		b += k;
		pos += k;
		n -= k;
	}
}

/* Between the ring at pos and the program's iov from byte ioff: 0 or -EFAULT. */
static long ucopy(struct uq *q, uint64_t pos, uint64_t n, const struct kiovec *iov, int niov, uint64_t ioff,
		  bool to_ring)
{
	for (int i = 0; i < niov && n; i++) {
		if (ioff >= iov[i].len) {
			ioff -= iov[i].len;
			continue;
		}
		char *u = (char *)iov[i].base + ioff;
		uint64_t left = iov[i].len - ioff;
		ioff = 0;
		while (left && n) {
			uint64_t avail = 0;
			char *p = at(q, pos, &avail, false);
			uint64_t k = n < avail ? n : avail;
			if (k > left)
				k = left;
			if (to_ring ? copy_from_user(p, u, k) : copy_to_user(u, p, k))
				return -EFAULT;
			u += k;
			left -= k;
			pos += k;
			n -= k;
		}
	}
	return 0;
}

long uq_append(struct uq *q, const char *addr, unsigned alen, struct file *const *fds, unsigned nfds,
	       const struct kiovec *iov, int n, uint64_t ioff, uint64_t len, bool merge)
{
	struct uq_rec r;
	merge = merge && !nfds && q->nrec;
	if (merge) {
		kcopy(q, q->last, &r, UQ_HDR, false);
		merge = !r.nfds;
	}
	uint64_t size = merge ? len : uq_size(len, alen, nfds), avail;
	for (uint64_t pos = q->head; pos < q->head + size; pos = PAGE_DOWN(pos) + PAGE_SIZE)
		if (!at(q, pos, &avail, true))
			return -ENOMEM;
	uint64_t data = merge ? q->head : q->head + uq_size(0, alen, nfds);
	if (ucopy(q, data, len, iov, n, ioff, true))
		return -EFAULT;
	if (merge) {
		r.len += (uint32_t)len;
	} else {
		r = (struct uq_rec){ .len = (uint32_t)len, .nfds = (uint16_t)nfds, .alen = (uint8_t)alen };
		q->last = q->head;
		q->nrec++;
		kcopy(q, q->head + UQ_HDR, (void *)addr, alen, true);
		kcopy(q, q->head + UQ_HDR + alen, (void *)fds, nfds * sizeof(*fds), true);
	}
	kcopy(q, q->last, &r, UQ_HDR, true);
	q->head += size;
	q->bytes += len;
	return 0;
}

bool uq_first(struct uq *q, struct uq_rec *r)
{
	if (!q->nrec)
		return false;
	kcopy(q, q->tail, r, UQ_HDR, false);
	return true;
}

void uq_first_addr(struct uq *q, const struct uq_rec *r, char *addr)
{
	kcopy(q, q->tail + UQ_HDR, addr, r->alen, false);
}

void uq_first_fds(struct uq *q, struct uq_rec *r, struct file **fds, bool take)
{
	kcopy(q, q->tail + UQ_HDR + r->alen, fds, r->nfds * sizeof(*fds), false);
	if (!take)
		return;
	r->fds_taken = 1;
	kcopy(q, q->tail, r, UQ_HDR, true);
}

long uq_first_copy(struct uq *q, const struct uq_rec *r, uint32_t off, uint32_t len, const struct kiovec *iov,
		   int n, uint64_t ioff)
{
	return ucopy(q, q->tail + uq_size(off, r->alen, r->nfds), len, iov, n, ioff, false);
}

void uq_first_used(struct uq *q, struct uq_rec *r, uint32_t n)
{
	r->used += n;
	q->bytes -= n;
	kcopy(q, q->tail, r, UQ_HDR, true);
}

void uq_drop(struct uq *q)
{
	struct uq_rec r;
	if (!uq_first(q, &r))
		return;
	struct file *fds[r.nfds ? r.nfds : 1];
	if (!r.fds_taken) {
		uq_first_fds(q, &r, fds, true);
		for (unsigned i = 0; i < r.nfds; i++)
			file_put(fds[i]);
	}
	q->bytes -= r.len - r.used;
	uint64_t end = q->tail + uq_size(r.len, r.alen, r.nfds);
	/* Pages wholly behind the new tail hold nothing more. */
	for (uint64_t p = q->tail / PAGE_SIZE; p < end / PAGE_SIZE; p++) {
		uint64_t *page = &q->page[p % UQ_PAGES];
		if (*page)
			frame_free(*page);
		*page = 0;
	}
	q->tail = end;
	q->nrec--;
}

void uq_each_file(struct uq *q, void (*fn)(struct file *f, void *arg), void *arg)
{
	uint64_t pos = q->tail;
	for (uint32_t i = 0; i < q->nrec; i++) {
		struct uq_rec r;
		kcopy(q, pos, &r, UQ_HDR, false);
		for (unsigned k = 0; !r.fds_taken && k < r.nfds; k++) {
			struct file *f;
			kcopy(q, pos + UQ_HDR + r.alen + k * sizeof(f), &f, sizeof(f), false);
			fn(f, arg);
		}
		pos += uq_size(r.len, r.alen, r.nfds);
	}
}

void uq_clear(struct uq *q)
{
	while (q->nrec)
		uq_drop(q);
	for (int i = 0; i < UQ_PAGES; i++)
		if (q->page[i])
			frame_free(q->page[i]);
	*q = (struct uq){ 0 };
}
