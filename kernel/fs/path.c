/* Paths as the kernel sees them, and the names it answers itself (/proc/self/exe). */
#include "drivers/monitor/hostfile.h"
#include "fd.h"
#include "kernel/kernel.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/proc.h"
#include "kernel/uapi.h"
#include "mount.h"
#include "path.h"
#include "procdir.h"
#include "procfd.h"
#include "tmpfs.h"

const char *path_cwd(void)
{
	return proc_current()->cwd;
}

void path_set_cwd(const char *path)
{
	ksnprintf(proc_current()->cwd, sizeof(proc_current()->cwd), "%s", path);
}

/* Append the components of rel to the canonical path out (length n); -ENAMETOOLONG if too long. */
static long join(char *out, long n, const char *rel)
{
	while (*rel) {
		while (*rel == '/')
			rel++;
		const char *end = rel;
		while (*end && *end != '/')
			end++;
		long len = end - rel;
		if (len == 0)
			break;
		if (len == 1 && rel[0] == '.') {
			/* nothing */
		} else if (len == 2 && rel[0] == '.' && rel[1] == '.') {
			while (n > 0 && out[--n] != '/')
				;
		} else {
			if (n + 1 + len >= PATH_MAX)
				return -ENAMETOOLONG;
			out[n++] = '/';
			memcpy(out + n, rel, (size_t)len);
			n += len;
		}
		rel = end;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = 0;
	return n;
}

long path_get(int dirfd, const char *upath, char *out, int empty_ok)
{
	char rel[PATH_MAX];
	long len = strncpy_from_user(rel, upath, sizeof(rel));
	if (len < 0)
		return len;
	if (len == 0 && !empty_ok)
		return -ENOENT;
	const char *base = "";
	if (rel[0] != '/') {
		if (dirfd == AT_FDCWD) {
			base = path_cwd();
		} else {
			struct file *f = fd_get(dirfd);
			if (!f)
				return -EBADF;
			if (!f->path)
				return -ENOTDIR;
			base = f->path;
		}
	}
	long n = join(out, 0, base);
	if (n == 1)
		n = 0; /* "/" joins as the empty prefix */
	return join(out, n, rel);
}

long path_readlink(const char *path, char *ubuf, long size)
{
	static char target[PATH_MAX];
	int fd;
	if (size <= 0)
		return -EINVAL;
	/* The kernel's own links first: -1 is none of procfd's. */
	long len;
	if (!procdir_link(path, target, sizeof(target), &len))
		len = procfd_link_target(path, target, sizeof(target));
	else if (len < 0)
		return len;
	if (len < 0 && procfd_path(path, &fd))
		len = fd == PROCFD_DIR ? -EINVAL : fd_link(fd, target, sizeof(target));
	else if (len < 0 && mount_in_tmpfs(path))
		len = tmpfs_readlink(path, target, sizeof(target));
	else if (len < 0)
		len = hostfile_readlink(path, target, sizeof(target));
	if (len < 0)
		return len;
	if (len > size)
		len = size;
	return copy_to_user(ubuf, target, (size_t)len) ? -EFAULT : len;
}
