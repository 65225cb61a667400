/* madvise(2): DONTNEED and FREE give the frames back; the other advice is only a hint. */
#include <linux/mman.h>

#include "kernel/mm/vm.h"
#include "sys.h"

long sys_madvise(const uint64_t *args)
{
	uint64_t addr = args[0], len = PAGE_UP(args[1]);
	int advice = (int)args[2];
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
