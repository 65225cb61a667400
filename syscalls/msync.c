/*
 * msync(2): a shared writable mapping of a host file writes its pages back
 * (MS_SYNC and MS_ASYNC alike, at once); other mappings hold nothing to write.
 */
#include "kernel/fs/filemap.h"
#include "kernel/mm/vm.h"
#include "sys.h"

SYSCALL_DEFINE3(msync, unsigned long, addr, size_t, length, int, flags)
{
	if ((addr & (PAGE_SIZE - 1)) || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	uint64_t len = PAGE_UP(length);
	if (len < length || addr > USER_VTOP || len > USER_VTOP - addr)
		return -ENOMEM;
	if (len && !vm_check(addr, len, PAGE_NONE))
		return -ENOMEM;
	return len ? filemap_sync(addr, len) : 0;
}
