/*
 * Extended attributes, as a Linux file system without xattr support answers
 * them (no forwarding to the host's files): a list is empty, and a get, set or
 * remove is EOPNOTSUPP once the checks Linux makes first have passed.
 */
#include "xattr.h"
#include "fd.h"
#include "kernel/kernel.h"
#include "kernel/mm/uaccess.h"
#include "kernel/uapi.h"
#include "kstat.h"
#include "open.h"

/* Linux copies a value in before it looks the path up: a bad buffer is EFAULT first. */
static long value_readable(const char *uvalue, size_t size)
{
	char chunk[256];
	for (size_t done = 0; done < size; done += sizeof(chunk)) {
		size_t n = size - done < sizeof(chunk) ? size - done : sizeof(chunk);
		if (copy_from_user(chunk, uvalue + done, n))
			return -EFAULT;
	}
	return 0;
}

/* The checks of the arguments, made before the file is looked up; name gets the name. */
static long check_args(const struct xattr_call *c, char *name)
{
	if (c->op == XATTR_LIST)
		return 0;
	if (c->op == XATTR_SET && (c->flags & ~(XATTR_CREATE | XATTR_REPLACE)))
		return -EINVAL;
	long n = strncpy_from_user(name, c->uname, XATTR_NAME_MAX + 1);
	if (n == 0 || n == -ENAMETOOLONG)
		return -ERANGE;
	if (n < 0)
		return n;
	if (c->op != XATTR_SET)
		return 0;
	if (c->size > XATTR_SIZE_MAX)
		return -E2BIG;
	return value_readable(c->uvalue, c->size);
}

static bool prefixed(const char *name, const char *prefix)
{
	return !strncmp(name, prefix, strlen(prefix));
}

/*
 * What Linux's VFS decides before the file system: trusted.* is for the
 * privileged only, user.* only for regular files and directories (a get is
 * then ENODATA, a change EPERM). The rest reaches the file system, which has
 * no xattrs. No security module adds attributes of its own to a list.
 */
static long answer(const struct xattr_call *c, const char *name, const struct kstat *st)
{
	if (c->op == XATTR_LIST)
		return 0;
	long none = c->op == XATTR_GET ? -ENODATA : -EPERM;
	unsigned type = st->mode & S_IFMT;
	if (prefixed(name, XATTR_TRUSTED_PREFIX) && boot->euid != 0)
		return none;
	if (prefixed(name, XATTR_USER_PREFIX) && type != S_IFREG && type != S_IFDIR)
		return none;
	return -EOPNOTSUPP;
}

long xattr_on_path(const char *upath, bool follow, const struct xattr_call *c)
{
	char name[XATTR_NAME_MAX + 1];
	struct kstat st;
	long err = check_args(c, name);
	if (err < 0)
		return err;
	err = file_stat(AT_FDCWD, upath, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW);
	return err < 0 ? err : answer(c, name, &st);
}

long xattr_on_fd(int fd, const struct xattr_call *c)
{
	char name[XATTR_NAME_MAX + 1];
	struct kstat st;
	long err = check_args(c, name);
	if (err < 0)
		return err;
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	err = f->ops->fstat(f, &st);
	return err < 0 ? err : answer(c, name, &st);
}
