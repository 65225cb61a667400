/* The application's address space: mapped regions, demand paging, brk. */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86_64/paging.h"

#define STACK_SIZE (8ULL << 20)          /* the main stack, as RLIMIT_STACK's default */
#define MMAP_TOP (USER_VTOP - STACK_SIZE - (1ULL << 30))
#define MMAP_MIN 0x10000ULL

struct mm;
struct cpu;

/* A new empty address space; 0 if out of memory. */
struct mm *mm_create(void);
/* A copy of from whose private pages are shared copy-on-write; 0 if out of memory. */
struct mm *mm_fork(struct mm *from);
/* One more process on mm (vfork), and one fewer: the last frees it. */
void mm_get(struct mm *mm);
unsigned mm_users(const struct mm *mm);
void mm_put(struct mm *mm);
/* Make CPU c (the caller's) run on mm's tables, if it does not already. */
void mm_activate(struct cpu *c, const struct mm *mm);

/* The vm_ calls work on the calling process's address space. */
/* Map [start, start+len) with prot, replacing what was there. 0 or -errno. */
int vm_map(uint64_t start, uint64_t len, int prot);
/* The same for MAP_SHARED memory, which fork shares rather than copies. */
int vm_map_shared(uint64_t start, uint64_t len, int prot, bool shared);
/*
 * A private mapping of the cached file (pcache.h) from byte pgoff, whose size is size: its pages
 * come from the cache when touched, and those past its end are SIGBUS.
 */
int vm_map_file(uint64_t start, uint64_t len, int prot, uint16_t cache, uint64_t pgoff, uint64_t size);
/* Pages of a mapped range that lie past the end of the file mapped there: SIGBUS when touched, EFAULT to calls. */
int vm_mark_beyond_eof(uint64_t start, uint64_t len);
/* A mapped range shows as the file name (or "[vdso]"...) from offset pgoff in /proc/self/maps. */
int vm_set_file(uint64_t start, uint64_t len, const char *name, uint64_t pgoff);

/* A region as /proc/self/maps lists it. */
struct vm_region {
	uint64_t start, end;
	int prot;
	bool shared;
	const char *name; /* "" for none */
	uint64_t pgoff;
};
/* Region number i of mm, which need not be the caller's (from 0, by address): false past the last. */
bool vm_region_info(const struct mm *mm, int i, struct vm_region *r);
/* Pages of mm that have frames (its resident set). */
uint64_t vm_resident_pages(const struct mm *mm);
/* Where mm's brk heap starts and ends now. */
void vm_brk_range(const struct mm *mm, uint64_t *start, uint64_t *end);
/* Highest free range of len bytes below MMAP_TOP, or 0. */
uint64_t vm_find_free(uint64_t len);
bool vm_range_free(uint64_t start, uint64_t len);
int vm_unmap(uint64_t start, uint64_t len);
/* Drop the frames of a range; the pages read as zero again. */
void vm_discard(uint64_t start, uint64_t len);
int vm_protect(uint64_t start, uint64_t len, int prot);
/* Give every page of a mapped range its frame now, one of its own if it is to be written. 0 or -ENOMEM. */
int vm_populate(uint64_t start, uint64_t len, bool write);
/* Where va is in physical memory if its region is MAP_SHARED (processes may share it), else 0. */
uint64_t vm_shared_frame(uint64_t va);
/* Put frame pa (the monitor's, say) at va of a mapped region. 0 or -ENOMEM. */
int vm_place(uint64_t va, uint64_t pa);
/* The frame mapped at va in mm, which need not be the caller's, or 0. */
uint64_t mm_frame(const struct mm *mm, uint64_t va);
/* The frame mapped at va, or 0. */
uint64_t vm_frame(uint64_t va);
/* Is every byte of the range mapped for the access (PAGE_NONE: mapped at all)? */
bool vm_check(uint64_t start, uint64_t len, int prot);
/* Resolve a page fault: 0, or the signal the access earns (SIGSEGV, or SIGBUS past a mapped file's end). */
int vm_fault(uint64_t addr, bool write, bool exec);

/* Could len bytes more of private writable memory be backed now? Else mmap gives ENOMEM, as Linux's heuristic does. */
bool vm_can_commit(uint64_t len);
/*
 * May len bytes with prot be mapped while [start, start+replaced) goes away, within
 * RLIMIT_AS (all mappings) and RLIMIT_DATA (writable ones but the main stack)? 0 or -ENOMEM.
 */
int vm_may_expand(uint64_t len, uint64_t start, uint64_t replaced, int prot);
/* Is [start, start+len) inside one region? Its protection then; 0 or -EFAULT. */
int vm_region(uint64_t start, uint64_t len, int *prot);
/* Move the mapping and frames of [from, from+len) to the free range at to. 0 or -ENOMEM. */
int vm_move(uint64_t from, uint64_t len, uint64_t to, int prot);

void vm_brk_init(uint64_t start);
uint64_t vm_brk(uint64_t newbrk);

#endif
