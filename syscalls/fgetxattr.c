/* fgetxattr(2): no attribute has a value (kernel/fs/xattr.c). */
#include "kernel/fs/xattr.h"
#include "sys.h"

SYSCALL_DEFINE4(fgetxattr, int, fd, const char *, name, void *, value, size_t, size)
{
	(void)value;
	(void)size;
	struct xattr_call c = { .op = XATTR_GET, .uname = name };
	return xattr_on_fd(fd, &c);
}
