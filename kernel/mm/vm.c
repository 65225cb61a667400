/*
 * The application's address space: a sorted array of non-overlapping
 * regions, each with one protection. Pages get frames when first touched.
 */

#include "arch/x86_64/tlb.h"
#include "frame.h"
#include "kernel/kernel.h"
#include "kernel/proc/rlimit.h"
#include "kernel/sched/thread.h"
#include "kernel/uapi.h"
#include "vm.h"

#define VMA_MAX 1024

struct vma {
	uint64_t start, end;
	int prot;
};

static struct vma vmas[VMA_MAX];
static int nvma;
static uint64_t brk_start, brk_cur;

/* Index of the first region ending above addr (nvma if none). */
static int vma_index(uint64_t addr)
{
	int lo = 0, hi = nvma;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (vmas[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct vma *vma_find(uint64_t addr)
{
	int i = vma_index(addr);
	return i < nvma && vmas[i].start <= addr ? &vmas[i] : 0;
}

static void release_pages(uint64_t start, uint64_t end)
{
	bool any = false;
	for (uint64_t va = start; va < end; va += PAGE_SIZE) {
		uint64_t pa = page_unmap(va);
		if (pa)
			frame_free(pa);
		any |= pa != 0;
	}
	/* Other CPUs forget the translations before the frames can go to anyone else. */
	if (any)
		tlb_shootdown(current()->cpu);
}

/* Take [start, end) out of every region, splitting at the edges. */
static int vma_carve(uint64_t start, uint64_t end, bool release)
{
	int i = vma_index(start);
	if (i < nvma && vmas[i].start < start && vmas[i].end > end) {
		if (nvma == VMA_MAX)
			return -ENOMEM;
		memmove(&vmas[i + 1], &vmas[i], (size_t)(nvma - i) * sizeof(vmas[0]));
		nvma++;
		vmas[i].end = start;
		vmas[i + 1].start = end;
		if (release)
			release_pages(start, end);
		return 0;
	}
	if (i < nvma && vmas[i].start < start) {
		if (release)
			release_pages(start, vmas[i].end);
		vmas[i].end = start;
		i++;
	}
	int first = i;
	while (i < nvma && vmas[i].end <= end) {
		if (release)
			release_pages(vmas[i].start, vmas[i].end);
		i++;
	}
	if (i < nvma && vmas[i].start < end) {
		if (release)
			release_pages(vmas[i].start, end);
		vmas[i].start = end;
	}
	memmove(&vmas[first], &vmas[i], (size_t)(nvma - i) * sizeof(vmas[0]));
	nvma -= i - first;
	return 0;
}

/* Insert a region into a free range, merging with equal neighbours. */
static int vma_insert(uint64_t start, uint64_t end, int prot)
{
	int i = vma_index(start);
	bool join_prev = i > 0 && vmas[i - 1].end == start && vmas[i - 1].prot == prot;
	bool join_next = i < nvma && vmas[i].start == end && vmas[i].prot == prot;
	if (join_prev && join_next) {
		vmas[i - 1].end = vmas[i].end;
		memmove(&vmas[i], &vmas[i + 1], (size_t)(nvma - i - 1) * sizeof(vmas[0]));
		nvma--;
	} else if (join_prev) {
		vmas[i - 1].end = end;
	} else if (join_next) {
		vmas[i].start = start;
	} else {
		if (nvma == VMA_MAX)
			return -ENOMEM;
		memmove(&vmas[i + 1], &vmas[i], (size_t)(nvma - i) * sizeof(vmas[0]));
		vmas[i] = (struct vma){ start, end, prot };
		nvma++;
	}
	return 0;
}

int vm_map(uint64_t start, uint64_t len, int prot)
{
	int err = vma_carve(start, start + len, true);
	return err ? err : vma_insert(start, start + len, prot);
}

bool vm_range_free(uint64_t start, uint64_t len)
{
	int i = vma_index(start);
	return i == nvma || vmas[i].start >= start + len;
}

uint64_t vm_find_free(uint64_t len)
{
	uint64_t top = MMAP_TOP;
	for (int i = nvma - 1; i >= 0; i--) {
		if (vmas[i].end <= top && top - vmas[i].end >= len)
			return top - len;
		if (vmas[i].start < top)
			top = vmas[i].start;
	}
	return top >= MMAP_MIN + len ? top - len : 0;
}

void vm_discard(uint64_t start, uint64_t len)
{
	release_pages(start, start + len);
}

int vm_unmap(uint64_t start, uint64_t len)
{
	return vma_carve(start, start + len, true);
}

bool vm_check(uint64_t start, uint64_t len, int prot)
{
	uint64_t end = start + len;
	if (end < start || end > USER_VTOP)
		return false;
	for (int i = vma_index(start); start < end; i++) {
		if (i >= nvma || vmas[i].start > start)
			return false;
		if (prot != PAGE_NONE && vmas[i].prot == PAGE_NONE)
			return false;
		if ((prot & PAGE_WRITE) && !(vmas[i].prot & PAGE_WRITE))
			return false;
		start = vmas[i].end;
	}
	return true;
}

int vm_protect(uint64_t start, uint64_t len, int prot)
{
	uint64_t end = start + len;
	for (uint64_t at = start; at < end;) {
		struct vma *v = vma_find(at);
		if (!v)
			return -ENOMEM;
		at = v->end;
	}
	int err = vma_carve(start, end, false);
	if (!err)
		err = vma_insert(start, end, prot);
	if (err)
		return err;
	for (uint64_t va = start; va < end; va += PAGE_SIZE)
		page_protect(va, prot);
	tlb_shootdown(current()->cpu);
	return 0;
}

/* Back one page of region v with a fresh zeroed frame. */
static void vm_fill(const struct vma *v, uint64_t va)
{
	uint64_t pa = frame_alloc();
	if (!pa || page_map(va, pa, v->prot) < 0) {
		kmsg("out of guest memory (raise --mem)\n");
		app_killed(SIGKILL);
	}
}

int vm_populate(uint64_t start, uint64_t len)
{
	for (uint64_t va = PAGE_DOWN(start); va < start + len; va += PAGE_SIZE) {
		struct vma *v = vma_find(va);
		if (!v)
			return -ENOMEM;
		if (!page_frame(va))
			vm_fill(v, va);
	}
	return 0;
}

bool vm_fault(uint64_t addr, bool write, bool exec)
{
	struct vma *v = vma_find(addr);
	if (!v || v->prot == PAGE_NONE || (write && !(v->prot & PAGE_WRITE)) || (exec && !(v->prot & PAGE_EXEC)))
		return false;
	/*
	 * Already present: another CPU mapped it after this one's walk missed it (this one then
	 * waited for the kernel lock), or this CPU's TLB held an older entry, which the fault
	 * itself dropped. The program retries the access if the entry allows it now; if not,
	 * the fault was for the page's protection: the program's error.
	 */
	if (page_frame(addr))
		return page_allows(addr, write, exec);
	vm_fill(v, PAGE_DOWN(addr));
	return true;
}

bool vm_can_commit(uint64_t len)
{
	return len / PAGE_SIZE <= frame_free_count();
}

/* Bytes mapped in [start, end); with data, only those RLIMIT_DATA counts. */
static uint64_t mapped_in(uint64_t start, uint64_t end, bool data)
{
	if (data && end > USER_VTOP - STACK_SIZE)
		end = USER_VTOP - STACK_SIZE;
	uint64_t sum = 0;
	for (int i = vma_index(start); i < nvma && vmas[i].start < end; i++) {
		if (data && !(vmas[i].prot & PAGE_WRITE))
			continue;
		uint64_t s = vmas[i].start > start ? vmas[i].start : start;
		uint64_t e = vmas[i].end < end ? vmas[i].end : end;
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
	uint64_t end = start + replaced;
	if (over_limit(mapped_in(0, USER_VTOP, false), mapped_in(start, end, false), len, RLIMIT_AS))
		return -ENOMEM;
	if ((prot & PAGE_WRITE) && over_limit(mapped_in(0, USER_VTOP, true), mapped_in(start, end, true), len, RLIMIT_DATA))
		return -ENOMEM;
	return 0;
}

int vm_region(uint64_t start, uint64_t len, int *prot)
{
	struct vma *v = vma_find(start);
	if (!v || v->end - start < len)
		return -EFAULT;
	*prot = v->prot;
	return 0;
}

int vm_move(uint64_t from, uint64_t len, uint64_t to, int prot)
{
	int err = vm_map(to, len, prot);
	if (err)
		return err;
	for (uint64_t off = 0; off < len; off += PAGE_SIZE) {
		uint64_t pa = page_unmap(from + off);
		if (pa && page_map(to + off, pa, prot) < 0) {
			kmsg("out of guest memory (raise --mem)\n");
			app_killed(SIGKILL);
		}
	}
	tlb_shootdown(current()->cpu);
	return vma_carve(from, from + len, false);
}

void vm_brk_init(uint64_t start)
{
	brk_start = brk_cur = start;
}

/* brk(2): move the break if the new heap fits; always answer the break in force. */
uint64_t vm_brk(uint64_t newbrk)
{
	if (newbrk < brk_start || newbrk > MMAP_TOP)
		return brk_cur;
	uint64_t old_end = PAGE_UP(brk_cur), new_end = PAGE_UP(newbrk);
	if (new_end > old_end) {
		if (!vm_range_free(old_end, new_end - old_end) || !vm_can_commit(new_end - old_end) ||
		    vm_may_expand(new_end - old_end, 0, 0, PAGE_READ | PAGE_WRITE) ||
		    vm_map(old_end, new_end - old_end, PAGE_READ | PAGE_WRITE) < 0)
			return brk_cur;
	} else if (new_end < old_end) {
		vm_unmap(new_end, old_end - new_end);
	}
	brk_cur = newbrk;
	return brk_cur;
}
