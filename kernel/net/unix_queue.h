/*
 * An AF_UNIX socket's received messages: records (sender's name, passed
 * files, data) in a ring of pages that are taken as data arrives and given
 * back as it is read, so a socket holds only what is queued.
 */
#ifndef KERNEL_UNIX_QUEUE_H
#define KERNEL_UNIX_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/fs/fd.h"

#define UQ_PAGES 64
#define UQ_SIZE ((UQ_PAGES - 1) * 4096ULL) /* one page short: a page freed behind is never one written ahead */

struct uq {
	uint64_t page[UQ_PAGES]; /* physical addresses; 0 where nothing is queued */
	uint64_t head, tail;     /* bytes written and dropped so far */
	uint64_t last;           /* where the newest record starts */
	uint32_t nrec;
	uint64_t bytes;          /* data not yet read */
};

/* A record as it sits in the ring, followed by the name, the files and the data. */
struct uq_rec {
	uint32_t len, used; /* data bytes, and those already read */
	uint16_t nfds;
	uint8_t alen;
	uint8_t fds_taken; /* the files went to a reader (their slots stay: the data follows them) */
};

#define UQ_HDR sizeof(struct uq_rec)

/* Bytes a record of len data bytes with alen and nfds takes. */
static inline uint64_t uq_size(uint64_t len, unsigned alen, unsigned nfds)
{
	return UQ_HDR + alen + nfds * sizeof(struct file *) + len;
}

static inline uint64_t uq_room(const struct uq *q)
{
	return UQ_SIZE - (q->head - q->tail);
}

/*
 * Queue len bytes from the program's iov (starting ioff bytes in): a new
 * record with the name and files (whose references it keeps), or, if merge,
 * more data for the newest record when that has no files. The space must be
 * there (uq_room). Returns 0, -EFAULT or -ENOMEM.
 */
long uq_append(struct uq *q, const char *addr, unsigned alen, struct file *const *fds, unsigned nfds,
	       const struct kiovec *iov, int n, uint64_t ioff, uint64_t len, bool merge);
/* The oldest record (false if none). */
bool uq_first(struct uq *q, struct uq_rec *r);
/* Its name (r->alen bytes) into addr; its files (if not taken yet) into fds, which leave the record if take. */
void uq_first_addr(struct uq *q, const struct uq_rec *r, char *addr);
void uq_first_fds(struct uq *q, struct uq_rec *r, struct file **fds, bool take);
/* Copy len data bytes of the oldest record from off into the program's iov at ioff: 0 or -EFAULT. */
long uq_first_copy(struct uq *q, const struct uq_rec *r, uint32_t off, uint32_t len, const struct kiovec *iov,
		   int n, uint64_t ioff);
/* n more bytes of the oldest record were read. */
void uq_first_used(struct uq *q, struct uq_rec *r, uint32_t n);
/* Drop the oldest record, closing files it still has. */
void uq_drop(struct uq *q);
/* Call fn for each file the queued records still carry. */
void uq_each_file(struct uq *q, void (*fn)(struct file *f, void *arg), void *arg);
/* Drop everything and give the pages back. */
void uq_clear(struct uq *q);

#endif
