/*
 * A process's address space: its page tables and a sorted array of
 * non-overlapping regions, each with one protection. Pages get frames when
 * first touched: a mapped file's from the page cache (pcache.h), which holds
 * them too. fork copies the tables, not the pages: a private writable page
 * both sides hold (or the cache and a side) is read-only in both until one
 * writes it, and is then copied (or just made writable again if the other
 * side let it go).
 */

#include "arch/x86_64/tlb.h"
#include "frame.h"
#include "kalloc.h"
#include "kernel/kernel.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/rlimit.h"
#include "kernel/sched/thread.h"
#include "kernel/uapi.h"
#include "pcache.h"
#include "vm.h"
#include "vm_names.h"

#define VMA_MAX 1024

struct vma {
	uint64_t start, end;
	int prot;
	bool shared; /* MAP_SHARED: fork shares its pages instead of copying them */
	bool bus;    /* pages past the end of a mapped file: touching one is SIGBUS */
	uint16_t name; /* what /proc/self/maps names it (vm_names.h), 0 for nothing */
	uint16_t cache; /* the cached file (pcache.h) whose pages it maps, 0 for none */
	uint64_t pgoff; /* the offset in the mapped file of start */
};

#define FAULT_AHEAD 16 /* pages a fault reads into the page cache at once */

/* Can b continue a, as one region? */
static bool vma_joins(const struct vma *a, const struct vma *b)
{
	return a->prot == b->prot && a->shared == b->shared && a->bus == b->bus && a->name == b->name &&
	       a->cache == b->cache && ((!a->name && !a->cache) || a->pgoff + (a->end - a->start) == b->pgoff);
}

struct mm {
	uint64_t root;  /* its page tables */
	uint64_t id;    /* never reused, unlike roots: which tables a CPU holds */
	unsigned users; /* processes on it: vfork's child shares its parent's */
	int nvma;
	uint64_t brk_start, brk_cur;
	struct vma vmas[VMA_MAX];
};

static uint64_t next_id = 1;

/* The calling process's, which every vm_ call works on. */
static struct mm *mm_now(void)
{
	return current()->proc->mm;
}

/* Index of the first region ending above addr (nvma if none). */
static int vma_index(const struct mm *mm, uint64_t addr)
{
	int lo = 0, hi = mm->nvma;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (mm->vmas[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct vma *vma_find(struct mm *mm, uint64_t addr)
{
	int i = vma_index(mm, addr);
	return i < mm->nvma && mm->vmas[i].start <= addr ? &mm->vmas[i] : 0;
}

/* Unmap the pages of [start, end) and drop their frames; true if any was mapped. */
static bool drop_pages(uint64_t root, uint64_t start, uint64_t end)
{
	bool any = false;
	for (uint64_t va = page_next(root, start, end); va < end; va = page_next(root, va + PAGE_SIZE, end)) {
		uint64_t pa = page_unmap(root, va);
		if (pa)
			frame_free(pa);
		any |= pa != 0;
	}
	return any;
}

static void release_pages(struct mm *mm, uint64_t start, uint64_t end)
{
	/* Other CPUs forget the translations before the frames can go to anyone else. */
	if (drop_pages(mm->root, start, end))
		tlb_shootdown(current()->cpu);
}

/* Take [start, end) out of every region, splitting at the edges. */
static int vma_carve(struct mm *mm, uint64_t start, uint64_t end, bool release)
{
	struct vma *v = mm->vmas;
	int i = vma_index(mm, start);
	if (i < mm->nvma && v[i].start < start && v[i].end > end) {
		if (mm->nvma == VMA_MAX)
			return -ENOMEM;
		memmove(&v[i + 1], &v[i], (size_t)(mm->nvma - i) * sizeof(v[0]));
		mm->nvma++;
		if (v[i].cache)
			pcache_get(v[i].cache);
		v[i].end = start;
		v[i + 1].pgoff += end - v[i + 1].start;
		v[i + 1].start = end;
		if (release)
			release_pages(mm, start, end);
		return 0;
	}
	if (i < mm->nvma && v[i].start < start) {
		if (release)
			release_pages(mm, start, v[i].end);
		v[i].end = start;
		i++;
	}
	int first = i;
	while (i < mm->nvma && v[i].end <= end) {
		if (release)
			release_pages(mm, v[i].start, v[i].end);
		if (v[i].cache)
			pcache_put(v[i].cache);
		i++;
	}
	if (i < mm->nvma && v[i].start < end) {
		if (release)
			release_pages(mm, v[i].start, end);
		v[i].pgoff += end - v[i].start;
		v[i].start = end;
	}
	memmove(&v[first], &v[i], (size_t)(mm->nvma - i) * sizeof(v[0]));
	mm->nvma -= i - first;
	return 0;
}

/* Insert a region like kind (its start and end aside) into a free range, merging with neighbours it continues. */
static int vma_insert(struct mm *mm, uint64_t start, uint64_t end, struct vma kind)
{
	struct vma *v = mm->vmas;
	int i = vma_index(mm, start);
	kind.start = start;
	kind.end = end;
	bool join_prev = i > 0 && v[i - 1].end == start && vma_joins(&v[i - 1], &kind);
	bool join_next = i < mm->nvma && v[i].start == end && vma_joins(&kind, &v[i]);
	if (join_prev && join_next) {
		if (v[i].cache)
			pcache_put(v[i].cache);
		v[i - 1].end = v[i].end;
		memmove(&v[i], &v[i + 1], (size_t)(mm->nvma - i - 1) * sizeof(v[0]));
		mm->nvma--;
	} else if (join_prev) {
		v[i - 1].end = end;
	} else if (join_next) {
		v[i].start = start;
		v[i].pgoff = kind.pgoff;
	} else {
		if (mm->nvma == VMA_MAX)
			return -ENOMEM;
		memmove(&v[i + 1], &v[i], (size_t)(mm->nvma - i) * sizeof(v[0]));
		v[i] = kind;
		mm->nvma++;
		if (kind.cache)
			pcache_get(kind.cache);
	}
	return 0;
}

/* Make [start, end) one region like kind in place of what is there; kind's cached file stays held meanwhile. */
static int vma_replace(struct mm *mm, uint64_t start, uint64_t end, struct vma kind, bool release)
{
	if (kind.cache)
		pcache_get(kind.cache);
	int err = vma_carve(mm, start, end, release);
	if (!err)
		err = vma_insert(mm, start, end, kind);
	if (kind.cache)
		pcache_put(kind.cache);
	return err;
}

int vm_map_file(uint64_t start, uint64_t len, int prot, uint16_t cache, uint64_t pgoff, uint64_t size)
{
	int err = vma_replace(mm_now(), start, start + len,
			      (struct vma){ .prot = prot, .cache = cache, .pgoff = pgoff }, true);
	uint64_t have = PAGE_UP(size) > pgoff ? PAGE_UP(size) - pgoff : 0;
	if (!err && have < len)
		err = vm_mark_beyond_eof(start + have, len - have);
	return err;
}

int vm_map_shared(uint64_t start, uint64_t len, int prot, bool shared)
{
	struct mm *mm = mm_now();
	int err = vma_carve(mm, start, start + len, true);
	return err ? err : vma_insert(mm, start, start + len, (struct vma){ .prot = prot, .shared = shared });
}

int vm_mark_beyond_eof(uint64_t start, uint64_t len)
{
	struct mm *mm = mm_now();
	const struct vma *v = vma_find(mm, start);
	if (!v || v->end < start + len)
		return -ENOMEM;
	struct vma kind = *v;
	kind.bus = true;
	kind.cache = 0;
	kind.pgoff += start - v->start;
	return vma_replace(mm, start, start + len, kind, true);
}

int vm_set_file(uint64_t start, uint64_t len, const char *name, uint64_t pgoff)
{
	struct mm *mm = mm_now();
	uint16_t id = vm_name_id(name);
	/* Region by region (the pages past a file's end are one of their own). */
	for (uint64_t at = start; at < start + len;) {
		const struct vma *v = vma_find(mm, at);
		if (!v)
			return -ENOMEM;
		uint64_t to = v->end < start + len ? v->end : start + len;
		struct vma kind = *v;
		kind.name = id;
		kind.pgoff = pgoff + (at - start);
		int err = vma_replace(mm, at, to, kind, false);
		if (err)
			return err;
		at = to;
	}
	return 0;
}

bool vm_region_info(const struct mm *mm, int i, struct vm_region *r)
{
	if (i < 0 || i >= mm->nvma)
		return false;
	const struct vma *v = &mm->vmas[i];
	*r = (struct vm_region){ v->start, v->end, v->prot, v->shared, vm_name(v->name), v->pgoff };
	return true;
}

uint64_t vm_resident_pages(const struct mm *mm)
{
	uint64_t n = 0;
	for (int i = 0; i < mm->nvma; i++) {
		const struct vma *v = &mm->vmas[i];
		for (uint64_t va = page_next(mm->root, v->start, v->end); va < v->end;
		     va = page_next(mm->root, va + PAGE_SIZE, v->end))
			n++;
	}
	return n;
}

void vm_brk_range(const struct mm *mm, uint64_t *start, uint64_t *end)
{
	*start = mm->brk_start;
	*end = mm->brk_cur;
}

int vm_map(uint64_t start, uint64_t len, int prot)
{
	return vm_map_shared(start, len, prot, false);
}

bool vm_range_free(uint64_t start, uint64_t len)
{
	struct mm *mm = mm_now();
	int i = vma_index(mm, start);
	return i == mm->nvma || mm->vmas[i].start >= start + len;
}

uint64_t vm_find_free(uint64_t len)
{
	struct mm *mm = mm_now();
	uint64_t top = MMAP_TOP;
	for (int i = mm->nvma - 1; i >= 0; i--) {
		if (mm->vmas[i].end <= top && top - mm->vmas[i].end >= len)
			return top - len;
		if (mm->vmas[i].start < top)
			top = mm->vmas[i].start;
	}
	return top >= MMAP_MIN + len ? top - len : 0;
}

void vm_discard(uint64_t start, uint64_t len)
{
	release_pages(mm_now(), start, start + len);
}

int vm_unmap(uint64_t start, uint64_t len)
{
	return vma_carve(mm_now(), start, start + len, true);
}

bool vm_check(uint64_t start, uint64_t len, int prot)
{
	struct mm *mm = mm_now();
	uint64_t end = start + len;
	if (end < start || end > USER_VTOP)
		return false;
	for (int i = vma_index(mm, start); start < end; i++) {
		const struct vma *v = &mm->vmas[i];
		if (i >= mm->nvma || v->start > start)
			return false;
		if (prot != PAGE_NONE && (v->prot == PAGE_NONE || v->bus))
			return false;
		if ((prot & PAGE_WRITE) && !(v->prot & PAGE_WRITE))
			return false;
		start = v->end;
	}
	return true;
}

/* The protection a page's entry gets: write access waits while another address space shares its frame. */
static int entry_prot(uint64_t root, const struct vma *v, uint64_t va, int prot)
{
	uint64_t pa = page_frame(root, va);
	return !v->shared && pa && frame_shared(pa) ? prot & ~PAGE_WRITE : prot;
}

int vm_protect(uint64_t start, uint64_t len, int prot)
{
	struct mm *mm = mm_now();
	uint64_t end = start + len;
	for (uint64_t at = start; at < end;) {
		struct vma *v = vma_find(mm, at);
		if (!v)
			return -ENOMEM;
		at = v->end;
	}
	/* Region by region: each keeps its kind (shared, past a file's end). */
	for (uint64_t at = start; at < end;) {
		const struct vma *old = vma_find(mm, at);
		uint64_t to = old->end < end ? old->end : end;
		struct vma kind = *old;
		kind.prot = prot;
		kind.pgoff += at - old->start;
		int err = vma_replace(mm, at, to, kind, false);
		if (err)
			return err;
		const struct vma *v = vma_find(mm, at);
		for (uint64_t va = page_next(mm->root, at, to); va < to; va = page_next(mm->root, va + PAGE_SIZE, to))
			page_protect(mm->root, va, entry_prot(mm->root, v, va, prot));
		at = to;
	}
	tlb_shootdown(current()->cpu);
	return 0;
}

static _Noreturn void out_of_memory(void)
{
	kmsg("out of guest memory (raise --mem)\n");
	app_killed(SIGKILL);
}

/*
 * Back one page of region v: with the cached file's page, read-only while
 * the cache shares it, or a fresh zeroed frame. 0, or SIGBUS when the file
 * cannot be read.
 */
static int vm_fill(struct mm *mm, const struct vma *v, uint64_t va)
{
	uint64_t pa = 0;
	if (v->cache) {
		uint64_t left = (v->end - va) / PAGE_SIZE;
		long err = pcache_page(v->cache, (v->pgoff + (va - v->start)) / PAGE_SIZE,
				       left < FAULT_AHEAD ? left : FAULT_AHEAD, &pa);
		if (err && err != -ENOMEM)
			return SIGBUS;
	} else {
		pa = frame_alloc();
	}
	if (!pa || page_map(mm->root, va, pa, frame_shared(pa) ? v->prot & ~PAGE_WRITE : v->prot) < 0)
		out_of_memory();
	return 0;
}

/* A write to a page whose frame fork left shared: a frame of its own, or the same one if it is the last user. */
static void unshare(struct mm *mm, const struct vma *v, uint64_t va)
{
	uint64_t old = page_frame(mm->root, va);
	if (!frame_shared(old)) {
		page_protect(mm->root, va, v->prot);
		return;
	}
	uint64_t pa = frame_alloc();
	if (!pa)
		out_of_memory();
	memcpy(phys_to_virt(pa), phys_to_virt(old), PAGE_SIZE);
	if (page_map(mm->root, va, pa, v->prot) < 0)
		out_of_memory();
	frame_free(old);
	/* The process's other threads must not go on reading the frame the other side now writes. */
	if (current()->proc->threads > 1)
		tlb_shootdown(current()->cpu);
}

int vm_populate(uint64_t start, uint64_t len, bool write)
{
	struct mm *mm = mm_now();
	for (uint64_t va = PAGE_DOWN(start); va < start + len; va += PAGE_SIZE) {
		struct vma *v = vma_find(mm, va);
		if (!v)
			return -ENOMEM;
		if (v->bus)
			return -EFAULT;
		if (!page_frame(mm->root, va) && vm_fill(mm, v, va))
			return -EFAULT;
		if (write && (v->prot & PAGE_WRITE) && !page_allows(mm->root, va, true, false))
			unshare(mm, v, va);
	}
	return 0;
}

uint64_t vm_shared_frame(uint64_t va)
{
	struct mm *mm = mm_now();
	const struct vma *v = vma_find(mm, va);
	if (!v || !v->shared || vm_populate(va, 1, false) < 0)
		return 0;
	return page_frame(mm->root, va) + (va & (PAGE_SIZE - 1));
}

int vm_place(uint64_t va, uint64_t pa)
{
	struct mm *mm = mm_now();
	const struct vma *v = vma_find(mm, va);
	if (!v || page_map(mm->root, va, pa, v->prot) < 0)
		return -ENOMEM;
	return 0;
}

uint64_t mm_frame(const struct mm *mm, uint64_t va)
{
	return page_frame(mm->root, va);
}

uint64_t vm_frame(uint64_t va)
{
	return page_frame(mm_now()->root, va);
}

int vm_fault(uint64_t addr, bool write, bool exec)
{
	struct mm *mm = current()->proc ? mm_now() : 0;
	struct vma *v = mm ? vma_find(mm, addr) : 0;
	if (!v || v->prot == PAGE_NONE || (write && !(v->prot & PAGE_WRITE)) || (exec && !(v->prot & PAGE_EXEC)))
		return SIGSEGV;
	if (v->bus)
		return SIGBUS;
	/*
	 * Already present: another CPU mapped it after this one's walk missed it (this one then
	 * waited for the kernel lock), or this CPU's TLB held an older entry, which the fault
	 * itself dropped. The program retries the access if the entry allows it now; a write
	 * the entry does not allow to a writable region is to a page fork left shared.
	 */
	uint64_t va = PAGE_DOWN(addr);
	if (page_frame(mm->root, va)) {
		if (page_allows(mm->root, va, write, exec))
			return 0;
		if (!write)
			return SIGSEGV;
		unshare(mm, v, va);
		return 0;
	}
	return vm_fill(mm, v, va);
}

bool vm_can_commit(uint64_t len)
{
	/* The page cache gives its idle frames back when memory runs low. */
	return len / PAGE_SIZE <= frame_free_count() + pcache_pages();
}

/* Bytes mapped in [start, end); with data, only those RLIMIT_DATA counts. */
static uint64_t mapped_in(const struct mm *mm, uint64_t start, uint64_t end, bool data)
{
	if (data && end > USER_VTOP - STACK_SIZE)
		end = USER_VTOP - STACK_SIZE;
	uint64_t sum = 0;
	for (int i = vma_index(mm, start); i < mm->nvma && mm->vmas[i].start < end; i++) {
		const struct vma *v = &mm->vmas[i];
		if (data && !(v->prot & PAGE_WRITE))
			continue;
		uint64_t s = v->start > start ? v->start : start;
		uint64_t e = v->end < end ? v->end : end;
		sum += e - s;
	}
	return sum;
}

/* Would total bytes of which replaced go away, plus len, pass the limit? Linux counts whole pages. */
static bool over_limit(uint64_t total, uint64_t replaced, uint64_t len, unsigned resource)
{
	return total - replaced + len > (rlimit_cur(resource) & ~(uint64_t)(PAGE_SIZE - 1));
}

int vm_may_expand(uint64_t len, uint64_t start, uint64_t replaced, int prot)
{
	struct mm *mm = mm_now();
	uint64_t end = start + replaced;
	if (over_limit(mapped_in(mm, 0, USER_VTOP, false), mapped_in(mm, start, end, false), len, RLIMIT_AS))
		return -ENOMEM;
	if ((prot & PAGE_WRITE) &&
	    over_limit(mapped_in(mm, 0, USER_VTOP, true), mapped_in(mm, start, end, true), len, RLIMIT_DATA))
		return -ENOMEM;
	return 0;
}

int vm_region(uint64_t start, uint64_t len, int *prot)
{
	struct vma *v = vma_find(mm_now(), start);
	if (!v || v->end - start < len)
		return -EFAULT;
	*prot = v->prot;
	return 0;
}

int vm_move(uint64_t from, uint64_t len, uint64_t to, int prot)
{
	struct mm *mm = mm_now();
	const struct vma *src = vma_find(mm, from);
	struct vma kind = *src;
	kind.prot = prot;
	kind.pgoff += from - src->start;
	int err = vma_replace(mm, to, to + len, kind, true);
	if (err)
		return err;
	const struct vma *dest = vma_find(mm, to);
	for (uint64_t off = 0; off < len; off += PAGE_SIZE) {
		uint64_t pa = page_frame(mm->root, from + off);
		if (!pa)
			continue;
		int eprot = entry_prot(mm->root, dest, from + off, prot);
		page_unmap(mm->root, from + off);
		if (page_map(mm->root, to + off, pa, eprot) < 0)
			out_of_memory();
	}
	tlb_shootdown(current()->cpu);
	return vma_carve(mm, from, from + len, false);
}

void vm_brk_init(uint64_t start)
{
	struct mm *mm = mm_now();
	mm->brk_start = mm->brk_cur = start;
}

/* brk(2): move the break if the new heap fits; always answer the break in force. */
uint64_t vm_brk(uint64_t newbrk)
{
	struct mm *mm = mm_now();
	if (newbrk < mm->brk_start || newbrk > MMAP_TOP)
		return mm->brk_cur;
	uint64_t old_end = PAGE_UP(mm->brk_cur), new_end = PAGE_UP(newbrk);
	if (new_end > old_end) {
		if (!vm_range_free(old_end, new_end - old_end) || !vm_can_commit(new_end - old_end) ||
		    vm_may_expand(new_end - old_end, 0, 0, PAGE_READ | PAGE_WRITE) ||
		    vm_map(old_end, new_end - old_end, PAGE_READ | PAGE_WRITE) < 0)
			return mm->brk_cur;
	} else if (new_end < old_end) {
		vm_unmap(new_end, old_end - new_end);
	}
	mm->brk_cur = newbrk;
	return mm->brk_cur;
}

struct mm *mm_create(void)
{
	struct mm *mm = kalloc(sizeof(*mm));
	if (!mm)
		return 0;
	mm->root = paging_new_root();
	if (!mm->root) {
		kfree(mm, sizeof(*mm));
		return 0;
	}
	mm->id = next_id++;
	mm->users = 1;
	return mm;
}

/* Give every page of a shared region a frame, so that both sides of a fork hold the same ones: false if out of memory. */
static bool fill_shared(struct mm *mm, const struct vma *v)
{
	for (uint64_t va = v->start; va < v->end; va += PAGE_SIZE) {
		if (page_frame(mm->root, va))
			continue;
		uint64_t pa = frame_alloc();
		if (!pa || page_map(mm->root, va, pa, v->prot) < 0) {
			if (pa)
				frame_free(pa);
			return false;
		}
	}
	return true;
}

/* Give v's pages to mm as well, a private writable one read-only on both sides; false if out of memory. */
static bool share_region(const struct mm *from, struct mm *mm, const struct vma *v)
{
	for (uint64_t va = page_next(from->root, v->start, v->end); va < v->end;
	     va = page_next(from->root, va + PAGE_SIZE, v->end)) {
		uint64_t pa = page_frame(from->root, va);
		if (page_copy(from->root, mm->root, va) < 0)
			return false;
		if (!frame_share(pa)) {
			page_unmap(mm->root, va); /* mm never held it: it must not drop it */
			return false;
		}
		if (!v->shared && (v->prot & PAGE_WRITE)) {
			page_write_protect(from->root, va);
			page_write_protect(mm->root, va);
		}
	}
	return true;
}

struct mm *mm_fork(struct mm *from)
{
	for (int i = 0; i < from->nvma; i++)
		if (from->vmas[i].shared && !fill_shared(from, &from->vmas[i]))
			return 0;
	struct mm *mm = mm_create();
	if (!mm)
		return 0;
	memcpy(mm->vmas, from->vmas, sizeof(from->vmas[0]) * (size_t)from->nvma);
	mm->nvma = from->nvma;
	for (int i = 0; i < mm->nvma; i++)
		if (mm->vmas[i].cache)
			pcache_get(mm->vmas[i].cache);
	mm->brk_start = from->brk_start;
	mm->brk_cur = from->brk_cur;
	bool copied = true;
	for (int i = 0; i < from->nvma && copied; i++)
		copied = share_region(from, mm, &from->vmas[i]);
	if (!copied) {
		mm_put(mm);
		mm = 0;
	}
	/* The parent's entries lost write access: no CPU may keep the old ones. */
	tlb_flush_here(current()->cpu);
	tlb_shootdown(current()->cpu);
	return mm;
}

unsigned mm_users(const struct mm *mm)
{
	return mm->users;
}

void mm_get(struct mm *mm)
{
	mm->users++;
}

void mm_put(struct mm *mm)
{
	if (--mm->users)
		return;
	for (int i = 0; i < mm->nvma; i++) {
		drop_pages(mm->root, mm->vmas[i].start, mm->vmas[i].end);
		if (mm->vmas[i].cache)
			pcache_put(mm->vmas[i].cache);
	}
	paging_free_root(mm->root);
	kfree(mm, sizeof(*mm));
}

void mm_activate(struct cpu *c, const struct mm *mm)
{
	if (c->space == mm->id)
		return;
	c->space = mm->id;
	paging_activate(mm->root);
}
