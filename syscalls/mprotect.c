/* mprotect(2): the whole range must be mapped. */
#include <linux/mman.h>

#include "kernel/mm/vm.h"
#include "sys.h"

long sys_mprotect(const uint64_t *args)
{
	uint64_t addr = args[0], len = PAGE_UP(args[1]), prot = args[2];
	if ((addr & (PAGE_SIZE - 1)) || prot & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (addr > USER_VTOP || len > USER_VTOP - addr)
		return -ENOMEM;
	return len ? vm_protect(addr, len, (int)prot) : 0;
}
