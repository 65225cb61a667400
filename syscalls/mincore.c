/* mincore(2): a page is resident once touched (memory is given on first use). */
#include "kernel/mm/vm.h"
#include "sys.h"

SYSCALL_DEFINE3(mincore, unsigned long, addr, size_t, length, unsigned char *, vec)
{
	uint64_t len = PAGE_UP(length);
	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	if (addr > USER_VTOP || len > USER_VTOP - addr || !vm_check(addr, len, PAGE_NONE))
		return -ENOMEM;
	uint64_t pages = len / PAGE_SIZE;
	if (!vm_check((uint64_t)vec, pages, PAGE_WRITE))
		return -EFAULT;
	for (uint64_t i = 0; i < pages; i++)
		vec[i] = vm_frame(addr + i * PAGE_SIZE) != 0;
	return 0;
}
