/* mprotect(2): the whole range must be mapped. */
#include "kernel/mm/vm.h"
#include "sys.h"

SYSCALL_DEFINE3(mprotect, unsigned long, addr, size_t, length, unsigned long, prot)
{
	uint64_t len = PAGE_UP(length);
	if ((addr & (PAGE_SIZE - 1)) || prot & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (addr > USER_VTOP || len > USER_VTOP - addr)
		return -ENOMEM;
	return len ? vm_protect(addr, len, (int)prot) : 0;
}
