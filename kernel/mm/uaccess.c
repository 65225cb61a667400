/* Copies between kernel and application memory; pages fault in as the program's would. */
#include <asm-generic/errno.h>

#include "kernel/kernel.h"
#include "kernel/sched/current.h"
#include "uaccess.h"
#include "vm.h"

void uaccess_kernel_begin(const void *buf, size_t len)
{
	current()->kbuf = buf;
	current()->kbuf_len = len;
}

void uaccess_kernel_end(void)
{
	current()->kbuf = 0;
	current()->kbuf_len = 0;
}

bool uaccess_is_kernel(const void *p, size_t len)
{
	const struct thread *t = current();
	const char *c = p;
	return t->kbuf && c >= t->kbuf && len <= t->kbuf_len && (uint64_t)(c - t->kbuf) <= t->kbuf_len - len;
}

long copy_from_user(void *dst, const void *usrc, size_t len)
{
	if (len && !uaccess_is_kernel(usrc, len) && !vm_check((uint64_t)usrc, len, PAGE_READ))
		return -EFAULT;
	memcpy(dst, usrc, len);
	return 0;
}

long copy_to_user(void *udst, const void *src, size_t len)
{
	if (len && !uaccess_is_kernel(udst, len) && !vm_check((uint64_t)udst, len, PAGE_WRITE))
		return -EFAULT;
	memcpy(udst, src, len);
	return 0;
}

long strncpy_from_user(char *dst, const char *usrc, size_t max)
{
	for (size_t i = 0; i < max; i++) {
		/* Check page by page: the string may end before an unmapped page. */
		if ((i == 0 || ((uint64_t)(usrc + i) & (PAGE_SIZE - 1)) == 0) && !uaccess_is_kernel(usrc + i, 1) &&
		    !vm_check((uint64_t)(usrc + i), 1, PAGE_READ))
			return -EFAULT;
		dst[i] = usrc[i];
		if (!dst[i])
			return (long)i;
	}
	return -ENAMETOOLONG;
}
