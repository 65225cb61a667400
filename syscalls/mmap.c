/* mmap(2): anonymous memory; file mappings need a file system, which is not there yet. */
#include <linux/mman.h>

#include "kernel/vm.h"
#include "sys.h"

long sys_mmap(const uint64_t *args)
{
	uint64_t addr = args[0], len = args[1], prot = args[2], flags = args[3];
	int fd = (int)args[4];
	uint64_t type = flags & MAP_TYPE;

	if (len == 0 || (type != MAP_PRIVATE && type != MAP_SHARED && type != MAP_SHARED_VALIDATE))
		return -EINVAL;
	if (prot & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
		struct file *f = fd_get(fd);
		return f ? -ENODEV : -EBADF;
	}
	if (args[5] & (PAGE_SIZE - 1))
		return -EINVAL;
	len = PAGE_UP(len);
	if (len == 0 || len > USER_VTOP)
		return -ENOMEM;

	bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
	if (fixed && (addr & (PAGE_SIZE - 1)))
		return -EINVAL;
	if (fixed && (addr < MMAP_MIN || addr > USER_VTOP - len))
		return (flags & MAP_FIXED) ? -EPERM : -ENOMEM;
	if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED) && !vm_range_free(addr, len))
		return -EEXIST;
	if (!fixed) {
		/* A hint is taken when the range is free, as Linux does. */
		addr = PAGE_DOWN(addr);
		if (addr < MMAP_MIN || addr > USER_VTOP - len || !vm_range_free(addr, len))
			addr = vm_find_free(len);
		if (!addr)
			return -ENOMEM;
	}
	long err = vm_map(addr, len, (int)prot);
	if (!err && (flags & MAP_POPULATE))
		err = vm_populate(addr, len);
	return err ? err : (long)addr;
}
