/* munmap(2) */
#include "kernel/mm/vm.h"
#include "sys.h"

long sys_munmap(const uint64_t *args)
{
	uint64_t addr = args[0], len = PAGE_UP(args[1]);
	if ((addr & (PAGE_SIZE - 1)) || args[1] == 0 || addr > USER_VTOP || len > USER_VTOP - addr)
		return -EINVAL;
	return vm_unmap(addr, len);
}
