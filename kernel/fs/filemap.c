/*
 * Shared writable mappings of host files, written back (filemap.h). Without a
 * page cache the pages cannot be the file's own, so a record per mapping says
 * where its bytes belong; writing back writes every page that has a frame, up
 * to the file's end as it was mapped (a page is never made longer). A new
 * mapping of a file takes the frames the others hold for its pages.
 */
#include "fd.h"
#include "filemap.h"
#include "kernel/kernel.h"
#include "kernel/mm/frame.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/vm.h"
#include "kernel/proc/proc.h"
#include "kernel/sched/thread.h"
#include "kernel/uapi.h"
#include "vfs.h"

#define FILEMAP_MAX 256

struct filemap {
	const struct mm *mm;
	uint64_t start, len;
	uint64_t bytes; /* of the file behind the mapping, from its start */
	uint64_t offset;
	struct file *f;
};

static struct filemap maps[FILEMAP_MAX];
static unsigned live; /* records in use: with none, reads and writes look no further */

static const struct mm *mm_here(void)
{
	return current()->proc->mm;
}

static struct filemap *free_record(void)
{
	for (int i = 0; i < FILEMAP_MAX; i++)
		if (!maps[i].f)
			return &maps[i];
	return 0;
}

long filemap_add(uint64_t start, uint64_t len, uint64_t bytes, uint64_t offset, struct file *f)
{
	struct filemap *m = free_record();
	if (!m)
		return -ENOMEM;
	f->refs++;
	*m = (struct filemap){ mm_here(), start, len, bytes < len ? bytes : len, offset, f };
	live++;
	return 0;
}

static bool same_file(struct file *a, struct file *b)
{
	return a == b || (!vfs_identify(a) && !vfs_identify(b) && a->dev == b->dev && a->ino == b->ino);
}

bool filemap_mapped(struct file *f)
{
	for (int i = 0; live && i < FILEMAP_MAX; i++)
		if (maps[i].f && same_file(maps[i].f, f))
			return true;
	return false;
}

uint64_t filemap_frame(struct file *f, uint64_t offset, uint64_t *bytes)
{
	for (int i = 0; i < FILEMAP_MAX; i++) {
		const struct filemap *m = &maps[i];
		if (!m->f || offset < m->offset || offset - m->offset >= m->bytes || !same_file(m->f, f))
			continue;
		uint64_t at = offset - m->offset, pa = mm_frame(m->mm, m->start + at);
		if (pa && frame_share(pa)) {
			*bytes = m->bytes - at < PAGE_SIZE ? m->bytes - at : PAGE_SIZE;
			return pa;
		}
	}
	return 0;
}

/* Write back m's pages within [from, to). */
static long write_back(const struct filemap *m, uint64_t from, uint64_t to)
{
	long err = 0;
	uint64_t end = m->start + m->bytes;
	for (uint64_t va = from < m->start ? m->start : from; va < to && va < end; va += PAGE_SIZE) {
		uint64_t pa = mm_frame(m->mm, va);
		if (!pa)
			continue;
		size_t len = end - va < PAGE_SIZE ? (size_t)(end - va) : PAGE_SIZE;
		struct kiovec iov = { phys_to_virt(pa), len };
		uaccess_kernel_begin(iov.base, len);
		long got = m->f->ops->writev ? m->f->ops->writev(m->f, &iov, 1, (int64_t)(m->offset + (va - m->start)))
					     : -EINVAL;
		uaccess_kernel_end();
		if (got < 0 && !err)
			err = got;
	}
	return err;
}

/* The addresses of m's pages holding [offset, offset + len) of its file, within its bytes: false if none. */
static bool span(const struct filemap *m, uint64_t offset, uint64_t len, uint64_t *from, uint64_t *to)
{
	uint64_t lo = offset > m->offset ? offset : m->offset;
	uint64_t hi = offset + len < m->offset + m->bytes ? offset + len : m->offset + m->bytes;
	if (lo >= hi)
		return false;
	*from = m->start + (lo - m->offset);
	*to = m->start + (hi - m->offset);
	return true;
}

void filemap_before_read(struct file *f, int64_t offset, uint64_t len)
{
	uint64_t from, to;
	for (int i = 0; live && i < FILEMAP_MAX; i++)
		if (maps[i].f && same_file(maps[i].f, f) && offset >= 0 && span(&maps[i], (uint64_t)offset, len, &from, &to))
			write_back(&maps[i], PAGE_DOWN(from), to);
}

void filemap_after_write(struct file *f, int64_t offset, uint64_t len)
{
	uint64_t from, to;
	for (int i = 0; live && i < FILEMAP_MAX; i++) {
		const struct filemap *m = &maps[i];
		/* Where an append went is the host's to know: all of the mapping reads the file again. */
		uint64_t at = offset < 0 ? m->offset : (uint64_t)offset, n = offset < 0 ? m->bytes : len;
		if (!m->f || !same_file(m->f, f) || !span(m, at, n, &from, &to))
			continue;
		for (uint64_t va = from; va < to;) {
			uint64_t next = PAGE_DOWN(va) + PAGE_SIZE < to ? PAGE_DOWN(va) + PAGE_SIZE : to;
			uint64_t pa = mm_frame(m->mm, PAGE_DOWN(va));
			if (pa)
				vfs_read_kernel(f, (char *)phys_to_virt(pa) + (va & (PAGE_SIZE - 1)), next - va,
						(int64_t)(m->offset + (va - m->start)));
			va = next;
		}
	}
}

static bool overlaps(const struct filemap *m, const struct mm *mm, uint64_t start, uint64_t end)
{
	return m->f && m->mm == mm && m->start < end && start < m->start + m->len;
}

long filemap_sync(uint64_t start, uint64_t len)
{
	long err = 0;
	for (int i = 0; i < FILEMAP_MAX; i++) {
		if (!overlaps(&maps[i], mm_here(), start, start + len))
			continue;
		long e = write_back(&maps[i], start, start + len);
		if (e && !err)
			err = e;
	}
	return err;
}

/* m loses [start, end): what is left before and after it stays, as one or two records. */
static void cut(struct filemap *m, uint64_t start, uint64_t end)
{
	uint64_t m_end = m->start + m->len;
	struct filemap after = *m;
	bool keep_before = m->start < start, keep_after = end < m_end;
	if (keep_after) {
		uint64_t skip = end - m->start;
		after.start = end;
		after.len = m_end - end;
		after.offset += skip;
		after.bytes = m->bytes > skip ? m->bytes - skip : 0;
	}
	if (keep_before) {
		m->len = start - m->start;
		if (m->bytes > m->len)
			m->bytes = m->len;
	}
	if (keep_after) {
		struct filemap *slot = keep_before ? free_record() : m;
		if (slot) {
			if (keep_before) {
				after.f->refs++;
				live++;
			}
			*slot = after;
		}
	}
	if (!keep_before && !keep_after) {
		file_put(m->f);
		m->f = 0;
		live--;
	}
}

void filemap_unmap(uint64_t start, uint64_t len)
{
	for (int i = 0; i < FILEMAP_MAX; i++) {
		struct filemap *m = &maps[i];
		if (!overlaps(m, mm_here(), start, start + len))
			continue;
		write_back(m, start, start + len);
		cut(m, start, start + len);
	}
}

void filemap_fork(const struct mm *from, const struct mm *to)
{
	for (int i = 0; i < FILEMAP_MAX; i++) {
		if (!maps[i].f || maps[i].mm != from)
			continue;
		struct filemap *copy = free_record();
		if (!copy)
			return; /* the parent's record still writes the same pages back */
		*copy = maps[i];
		copy->mm = to;
		copy->f->refs++;
		live++;
	}
}

void filemap_forget(struct mm *mm)
{
	for (int i = 0; i < FILEMAP_MAX; i++) {
		struct filemap *m = &maps[i];
		if (!m->f || m->mm != mm)
			continue;
		write_back(m, m->start, m->start + m->len);
		file_put(m->f);
		m->f = 0;
		live--;
	}
}
