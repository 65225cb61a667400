/* lsetxattr(2): refused as by a file system without xattrs (kernel/fs/xattr.c). */
#include "kernel/fs/xattr.h"
#include "sys.h"

SYSCALL_DEFINE5(lsetxattr, const char *, pathname, const char *, name, const void *, value, size_t, size, int, flags)
{
	struct xattr_call c = { .op = XATTR_SET, .uname = name, .uvalue = value, .size = size, .flags = flags };
	return xattr_on_path(pathname, false, &c);
}
