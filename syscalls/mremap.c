/*
 * mremap(2): grow or shrink a private mapping in place, or move it (frames
 * move, nothing is copied). A shared writable mapping of a host file writes
 * the part that goes or moves back to the file, which then no longer follows it.
 */
#include "kernel/fs/filemap.h"
#include "kernel/mm/vm.h"
#include "sys.h"

#define MREMAP_FLAGS (MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)

SYSCALL_DEFINE5(mremap, unsigned long, old, unsigned long, old_size, unsigned long, new_size,
		unsigned long, flags, unsigned long, to)
{
	uint64_t old_len = PAGE_UP(old_size), new_len = PAGE_UP(new_size);
	int prot;
	if ((old & (PAGE_SIZE - 1)) || (flags & ~(uint64_t)MREMAP_FLAGS) || !new_len || !old_len ||
	    ((flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) && !(flags & MREMAP_MAYMOVE)) ||
	    ((flags & MREMAP_DONTUNMAP) && old_len != new_len) || new_len > USER_VTOP)
		return -EINVAL;
	if (flags & MREMAP_FIXED) {
		if ((to & (PAGE_SIZE - 1)) || to > USER_VTOP - new_len || (to < old + old_len && old < to + new_len))
			return -EINVAL;
		if (to < MMAP_MIN)
			return -EPERM;
	}
	if (vm_region(old, old_len, &prot))
		return -EFAULT;
	if (new_len > old_len && (prot & PAGE_WRITE) && !vm_can_commit(new_len - old_len))
		return -ENOMEM;
	/* The growth counts against the limits, and the old range too when it stays mapped. */
	uint64_t grow = (new_len > old_len ? new_len - old_len : 0) + (flags & MREMAP_DONTUNMAP ? old_len : 0);
	if (grow && vm_may_expand(grow, to, flags & MREMAP_FIXED ? new_len : 0, prot))
		return -ENOMEM;
	if (!(flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))) {
		if (new_len <= old_len) {
			if (new_len < old_len) {
				filemap_unmap(old + new_len, old_len - new_len);
				vm_unmap(old + new_len, old_len - new_len);
			}
			return (long)old;
		}
		if (old + new_len <= MMAP_TOP && vm_range_free(old + old_len, new_len - old_len)) {
			long err = vm_map(old + old_len, new_len - old_len, prot);
			return err ? err : (long)old;
		}
		if (!(flags & MREMAP_MAYMOVE))
			return -ENOMEM;
	}
	if (!(flags & MREMAP_FIXED) && !(to = vm_find_free(new_len)))
		return -ENOMEM;
	uint64_t keep = old_len < new_len ? old_len : new_len;
	filemap_unmap(to, new_len);
	filemap_unmap(old, old_len);
	long err = vm_unmap(to, new_len);
	if (!err && old_len > keep)
		err = vm_unmap(old + keep, old_len - keep);
	if (!err)
		err = vm_move(old, keep, to, prot);
	if (!err && new_len > keep)
		err = vm_map(to + keep, new_len - keep, prot);
	/* MREMAP_DONTUNMAP leaves the old range mapped, empty. */
	if (!err && (flags & MREMAP_DONTUNMAP))
		err = vm_map(old, old_len, prot);
	return err ? err : (long)to;
}
