/*
 * The vDSO: its image (vdso/) read-and-execute, and below it the read-only
 * page with the clocks' parameters, which it reads PC-relative.
 */
#include "cocoon/vdso.h"
#include "direct_syscall.h"
#include "kernel/kernel.h"
#include "kernel/time/time.h"
#include "vdso.h"
#include "kernel/mm/vm.h"

extern const char vdso_image[], vdso_image_end[];

uint64_t vdso_map(void)
{
	uint64_t size = PAGE_UP(vdso_image_end - vdso_image);
	uint64_t base = vm_find_free(PAGE_SIZE + size);
	if (!base || vm_map(base, PAGE_SIZE + size, PAGE_READ | PAGE_WRITE) < 0)
		return 0;
	clock_vdso_data((struct vdso_data *)base);
	((struct vdso_data *)base)->direct_entry = direct_syscall_entry();
	memcpy((void *)(base + PAGE_SIZE), vdso_image, (size_t)(vdso_image_end - vdso_image));
	if (vm_protect(base, PAGE_SIZE, PAGE_READ) < 0 || vm_protect(base + PAGE_SIZE, size, PAGE_READ | PAGE_EXEC) < 0 ||
	    vm_set_file(base, PAGE_SIZE, "[vvar]", 0) < 0 || vm_set_file(base + PAGE_SIZE, size, "[vdso]", 0) < 0)
		return 0;
	return base + PAGE_SIZE;
}
