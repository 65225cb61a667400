/* lremovexattr(2): refused as by a file system without xattrs (kernel/fs/xattr.c). */
#include "kernel/fs/xattr.h"
#include "sys.h"

SYSCALL_DEFINE2(lremovexattr, const char *, pathname, const char *, name)
{
	struct xattr_call c = { .op = XATTR_REMOVE, .uname = name };
	return xattr_on_path(pathname, false, &c);
}
