/* munmap(2): a shared writable mapping of a host file is written back first. */
#include "kernel/fs/filemap.h"
#include "kernel/mm/vm.h"
#include "sys.h"

SYSCALL_DEFINE2(munmap, unsigned long, addr, size_t, length)
{
	uint64_t len = PAGE_UP(length);
	if ((addr & (PAGE_SIZE - 1)) || length == 0 || addr > USER_VTOP || len > USER_VTOP - addr)
		return -EINVAL;
	filemap_unmap(addr, len);
	return vm_unmap(addr, len);
}
