/*
 * The page cache (pcache.h). A page is read on the first fault that needs
 * it, with the pages after it in the same region (AHEAD), into frames the
 * cache holds a user of; a mapping takes another user, so a write to it
 * copies the page, and a frame whose only user is the cache is idle, to be
 * given back when memory runs low. Writes through the kernel read the pages
 * they change again, in place, so mappings that have not copied them see
 * the new bytes as on Linux; a host process changing the file is noticed at
 * the next mapping, by its size or modification time.
 */
#include "frame.h"
#include "kernel/fs/fd.h"
#include "kernel/fs/kstat.h"
#include "kernel/fs/vfs.h"
#include "kernel/kernel.h"
#include "kernel/uapi.h"
#include "pcache.h"
#include "pcache_table.h"
#include "uaccess.h"
#include "vm.h"

#define FILES_MAX 255

struct cached_file {
	bool used;
	uint64_t dev, ino;
	int64_t size, mtime, mtime_nsec; /* as last mapped: another means the host changed it */
	bool written; /* through the kernel since, its pages kept up to date: new size and time are no news */
	struct file *f; /* read from while regions hold it */
	unsigned maps;  /* regions holding it */
	uint64_t pages; /* in the table */
	uint64_t top;   /* above the highest page index cached */
};

static struct cached_file files[FILES_MAX + 1]; /* by id; 0 is none */
static uint64_t cached, reads;

static void forget_page(uint16_t id, uint64_t pa)
{
	files[id].pages--;
	cached--;
	frame_free(pa);
}

static uint16_t dropping;

static bool other_file(uint16_t id, uint64_t pa)
{
	(void)pa;
	return id != dropping;
}

/* Every cached page of file id goes. */
static void drop_all(uint16_t id)
{
	if (!files[id].pages)
		return;
	dropping = id;
	ptab_sweep(other_file, forget_page);
}


static uint16_t find(uint64_t dev, uint64_t ino)
{
	for (uint16_t id = 1; id <= FILES_MAX; id++)
		if (files[id].used && files[id].dev == dev && files[id].ino == ino)
			return id;
	return 0;
}

/* A slot for a file not cached yet: an unused one, else the one no region holds with fewest pages. */
static uint16_t claim(void)
{
	uint16_t best = 0;
	for (uint16_t id = 1; id <= FILES_MAX; id++) {
		if (!files[id].used)
			return id;
		if (!files[id].maps && (!best || files[id].pages < files[best].pages))
			best = id;
	}
	if (best) {
		drop_all(best);
		files[best] = (struct cached_file){ 0 };
	}
	return best;
}

/*
 * The cached file behind f for a new mapping, with a reference for it (and
 * f's size): its id; 0 if f is no host file or the table is full (read it
 * in instead), or -errno.
 */
static int pcache_open(struct file *f, int64_t *size)
{
	if (f->ops != &hostfile_ops || f->type != S_IFREG)
		return 0;
	struct kstat st;
	long err = f->ops->fstat(f, &st);
	if (err)
		return (int)err;
	*size = st.size;
	uint16_t id = find(st.dev, st.ino);
	if (!id && !(id = claim()))
		return 0;
	struct cached_file *c = &files[id];
	if (c->used && !c->written && (c->size != st.size || c->mtime != st.mtime || c->mtime_nsec != st.mtime_nsec))
		drop_all(id);
	c->written = false;
	c->used = true;
	c->dev = st.dev;
	c->ino = st.ino;
	c->size = st.size;
	c->mtime = st.mtime;
	c->mtime_nsec = st.mtime_nsec;
	if (!c->f) {
		f->refs++;
		c->f = f;
	}
	c->maps++;
	return id;
}

long pcache_map(struct file *f, uint64_t addr, uint64_t len, int prot, uint64_t offset)
{
	int64_t size = 0;
	int id = pcache_open(f, &size);
	if (id <= 0)
		return id ? id : 1;
	long err = vm_map_file(addr, len, prot, (uint16_t)id, offset, (uint64_t)size);
	pcache_put((uint16_t)id);
	if (err)
		vm_unmap(addr, len);
	return err;
}


void pcache_get(uint16_t id)
{
	files[id].maps++;
}

/* The file is let go with the last region; its pages stay for the next mapping. */
void pcache_put(uint16_t id)
{
	struct cached_file *c = &files[id];
	if (--c->maps || !c->f)
		return;
	struct file *f = c->f;
	c->f = 0;
	file_put(f);
}

/* Page index of c into the frame pa, zero past the file's end: 0 or -errno. */
static long read_into(struct cached_file *c, uint64_t index, uint64_t pa)
{
	struct kiovec iov = { phys_to_virt(pa), PAGE_SIZE };
	uaccess_kernel_begin(iov.base, iov.len);
	long got = c->f->ops->readv(c->f, &iov, 1, (int64_t)(index * PAGE_SIZE));
	uaccess_kernel_end();
	reads++;
	if (got >= 0 && got < (long)PAGE_SIZE)
		memset((char *)iov.base + got, 0, PAGE_SIZE - (size_t)got);
	return got < 0 ? got : 0;
}

/* A new frame holding page index of c, or 0 with *err set. */
static uint64_t read_page(struct cached_file *c, uint64_t index, long *err)
{
	uint64_t pa = frame_alloc();
	if (!pa) {
		*err = -ENOMEM;
		return 0;
	}
	*err = read_into(c, index, pa);
	if (*err) {
		frame_free(pa);
		return 0;
	}
	return pa;
}

/* Cache pa as page index of file id: false if the table is full. */
static bool keep(uint16_t id, uint64_t index, uint64_t pa)
{
	if (!ptab_insert(id, index, pa))
		return false;
	files[id].pages++;
	if (index >= files[id].top)
		files[id].top = index + 1;
	cached++;
	return true;
}

/* A frame of the caller's own with the bytes of the cached frame pa. */
static uint64_t copy_of(uint64_t pa)
{
	uint64_t copy = frame_alloc();
	if (copy)
		memcpy(phys_to_virt(copy), phys_to_virt(pa), PAGE_SIZE);
	return copy;
}

long pcache_page(uint16_t id, uint64_t index, uint64_t ahead, uint64_t *pa)
{
	struct cached_file *c = &files[id];
	long err = 0;
	*pa = ptab_find(id, index);
	if (*pa) {
		if (!frame_share(*pa) && !(*pa = copy_of(*pa)))
			return -ENOMEM;
		return 0;
	}
	if (!(*pa = read_page(c, index, &err)))
		return err;
	/* Taken by the caller before the pages ahead are read, so that a shrink cannot give it away. */
	if (keep(id, index, *pa))
		frame_share(*pa);
	for (uint64_t i = index + 1; i < index + ahead && !ptab_find(id, i); i++) {
		uint64_t next = read_page(c, i, &err);
		if (!next)
			break;
		if (!keep(id, i, next)) {
			frame_free(next);
			break;
		}
	}
	return 0;
}

void pcache_written(struct file *f, int64_t offset, int64_t len)
{
	if (!cached || f->ops != &hostfile_ops || f->type != S_IFREG || len == 0)
		return;
	if (vfs_identify(f))
		return;
	uint16_t id = find(f->dev, f->ino);
	struct cached_file *c = &files[id];
	if (!id || !c->pages)
		return;
	/* With no region holding the file there is nothing to keep up to date. */
	if (!c->f) {
		drop_all(id);
		return;
	}
	c->written = true;
	uint64_t first = (uint64_t)offset / PAGE_SIZE, top = c->top;
	uint64_t past = len < 0 ? top : PAGE_UP((uint64_t)offset + (uint64_t)len) / PAGE_SIZE;
	if (past < top)
		top = past;
	for (uint64_t i = first; i < top && c->pages; i++) {
		uint64_t pa = ptab_find(id, i);
		if (pa && read_into(c, i, pa) && ptab_remove(id, i))
			forget_page(id, pa);
	}
}

static uint64_t freed;

static bool in_use(uint16_t id, uint64_t pa)
{
	(void)id;
	return frame_shared(pa);
}

static void give_back(uint16_t id, uint64_t pa)
{
	forget_page(id, pa);
	freed++;
}

uint64_t pcache_shrink(void)
{
	freed = 0;
	if (cached)
		ptab_sweep(in_use, give_back);
	return freed;
}

uint64_t pcache_pages(void)
{
	return cached;
}

uint64_t pcache_reads(void)
{
	return reads;
}
