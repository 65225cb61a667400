/* madvise(2): DONTNEED and FREE give the frames back; the other advice is only a hint. */
#include "kernel/mm/vm.h"
#include "sys.h"

SYSCALL_DEFINE3(madvise, unsigned long, addr, size_t, length, int, advice)
{
	uint64_t len = PAGE_UP(length);
	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_FREE: case MADV_DONTFORK: case MADV_DOFORK:
	case MADV_MERGEABLE: case MADV_UNMERGEABLE: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE:
	case MADV_DONTDUMP: case MADV_DODUMP: case MADV_COLD: case MADV_PAGEOUT:
		break;
	default:
		return -EINVAL;
	}
	if (len == 0)
		return 0;
	if (!vm_check(addr, len, PAGE_NONE))
		return -ENOMEM;
	if (advice == MADV_DONTNEED || advice == MADV_FREE)
		vm_discard(addr, len);
	return 0;
}
