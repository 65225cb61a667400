/*
 * The extended-attribute calls: every file answers as on a Linux file system
 * without xattr support, after the checks Linux makes before asking it.
 */
#ifndef KERNEL_XATTR_H
#define KERNEL_XATTR_H

#include <stdbool.h>
#include <stddef.h>

#include <linux/xattr.h>

enum xattr_op { XATTR_GET, XATTR_SET, XATTR_REMOVE, XATTR_LIST };

/* One call's arguments beside the file: name, and for XATTR_SET the value and flags. */
struct xattr_call {
	enum xattr_op op;
	const char *uname;
	const void *uvalue;
	size_t size;
	int flags;
};

/* The call on the program's path (follow: the link's target, not the link): its result. */
long xattr_on_path(const char *upath, bool follow, const struct xattr_call *c);
/* The call on an open descriptor. */
long xattr_on_fd(int fd, const struct xattr_call *c);

#endif
