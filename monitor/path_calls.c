/* The file hypercalls that name a path: stat, readlink, statfs and the changes to names and inodes. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "handlers.h"
#include "handles.h"
#include "mounts.h"

int do_STAT(struct guest *g, struct hc_stat *req)
{
	char rel[PATH_MAX];
	struct mount *m = resolve(g, req->path, req->path_len, rel, &req->ret);
	struct stat *st = guest_ptr(g, req->statbuf, HC_STAT_SIZE);
	if (!m)
		return GO_ON;
	if (!st) {
		req->ret = -EFAULT;
		return GO_ON;
	}
	/*
	 * A name in the mount's top directory cannot leave it unless it is a
	 * symlink to follow: one fstatat then, in place of open, fstat, close.
	 */
	struct stat host;
	int fd = -1;
	bool top = !strchr(rel, '/');
	int r = top ? fstatat(m->dirfd, rel, &host, AT_SYMLINK_NOFOLLOW) : 0;
	if (!top || (r == 0 && !req->nofollow && S_ISLNK(host.st_mode))) {
		fd = open_guest(&m, rel, O_PATH | (req->nofollow ? O_NOFOLLOW : 0), 0, false);
		r = fd < 0 ? -1 : fstat(fd, &host);
	}
	req->ret = r < 0 ? -errno : 0;
	if (r == 0)
		memcpy(st, &host, sizeof(host));
	if (fd >= 0)
		close(fd);
	return GO_ON;
}

int do_READLINK(struct guest *g, struct hc_readlink *req)
{
	char rel[PATH_MAX];
	struct mount *m = resolve(g, req->path, req->path_len, rel, &req->ret);
	char *buf = guest_ptr(g, req->buf, req->len);
	if (!m)
		return GO_ON;
	if (!buf) {
		req->ret = -EFAULT;
		return GO_ON;
	}
	/* The link itself, opened beneath the mount; its target is not followed. */
	int fd = open_guest(&m, rel, O_PATH | O_NOFOLLOW, 0, false);
	ssize_t n = fd < 0 ? -1 : readlinkat(fd, "", buf, req->len);
	req->ret = n < 0 ? (errno == ENOENT && fd >= 0 ? -EINVAL : -errno) : n;
	if (fd >= 0)
		close(fd);
	return GO_ON;
}

/*
 * chmod, access, chown, utimens: the *at() calls would follow a final symlink
 * anywhere, so the inode is found beneath the parent first and then reached
 * through its /proc/self/fd link.
 */
static int on_inode(struct guest *g, const struct hc_pathop *req, int dir, const char *name)
{
	bool nofollow = req->op == HC_PATH_UTIMENS && (req->arg & 1);
	struct open_how how = { .flags = O_PATH | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0),
				.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS };
	int fd = (int)syscall(SYS_openat2, dir, name, &how, sizeof(how));
	if (fd < 0)
		return errno == EXDEV ? (errno = EACCES, -1) : -1;
	char proc[64];
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	const struct timespec *times = NULL;
	int r = -1;
	switch (req->op) {
	case HC_PATH_CHMOD: r = chmod(proc, (mode_t)req->arg & 07777); break;
	case HC_PATH_ACCESS: r = faccessat(AT_FDCWD, proc, (int)req->arg & 7, 0); break;
	case HC_PATH_CHOWN: r = chown(proc, (uid_t)(req->arg >> 32), (gid_t)req->arg); break;
	case HC_PATH_UTIMENS:
		if (req->path2 && !(times = guest_ptr(g, req->path2, 2 * sizeof(*times)))) {
			errno = EFAULT;
			break;
		}
		r = utimensat(AT_FDCWD, proc, times, 0);
		break;
	default: errno = EINVAL; break;
	}
	int saved = errno;
	close(fd);
	errno = saved;
	return r;
}

int do_PATHOP(struct guest *g, struct hc_pathop *req)
{
	char name[PATH_MAX], name2[PATH_MAX], target[PATH_MAX];
	int two = req->op == HC_PATH_RENAME || req->op == HC_PATH_LINK;
	bool write = req->op != HC_PATH_ACCESS || (req->arg & W_OK);
	/* Which calls go through a final symlink: where it leads must be writable too. */
	bool follow = req->op == HC_PATH_CHMOD || req->op == HC_PATH_CHOWN || req->op == HC_PATH_TRUNCATE ||
		      req->op == HC_PATH_ACCESS || (req->op == HC_PATH_UTIMENS && !(req->arg & 1));
	int dir = open_parent(g, req->path, req->path_len, write, follow, name, &req->ret);
	int dir2 = -1, r = -1;
	if (dir < 0)
		return GO_ON;
	if (two && (dir2 = open_parent(g, req->path2, req->path2_len, true, false, name2, &req->ret)) < 0) {
		put_parent(dir);
		return GO_ON;
	}
	const char *src = req->op == HC_PATH_SYMLINK ? guest_ptr(g, req->path2, req->path2_len) : NULL;
	errno = EINVAL;
	switch (req->op) {
	case HC_PATH_MKDIR: r = mkdirat(dir, name, (mode_t)req->arg & 07777); break;
	case HC_PATH_UNLINK: r = unlinkat(dir, name, 0); break;
	case HC_PATH_RMDIR: r = unlinkat(dir, name, AT_REMOVEDIR); break;
	case HC_PATH_RENAME: r = renameat2(dir, name, dir2, name2, (unsigned)req->arg); break;
	case HC_PATH_LINK: r = linkat(dir, name, dir2, name2, 0); break;
	case HC_PATH_CHMOD:
	case HC_PATH_ACCESS:
	case HC_PATH_CHOWN:
	case HC_PATH_UTIMENS:
		r = on_inode(g, req, dir, name);
		break;
	case HC_PATH_SYMLINK:
		if (!src || req->path2_len >= PATH_MAX) {
			errno = src ? ENAMETOOLONG : EFAULT;
			break;
		}
		memcpy(target, src, req->path2_len);
		target[req->path2_len] = 0;
		r = symlinkat(target, dir, name);
		break;
	case HC_PATH_TRUNCATE: {
		struct open_how how = { .flags = O_WRONLY | O_CLOEXEC, .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS };
		int fd = (int)syscall(SYS_openat2, dir, name, &how, sizeof(how));
		r = fd < 0 ? -1 : ftruncate(fd, (off_t)req->arg);
		if (fd >= 0)
			close(fd);
		break;
	}
	default: break;
	}
	req->ret = r < 0 ? -errno : 0;
	put_parent(dir);
	if (dir2 >= 0)
		put_parent(dir2);
	return GO_ON;
}

_Static_assert(sizeof(struct statfs) == HC_STATFS_SIZE, "host struct statfs is the Linux x86-64 one");

int do_STATFS(struct guest *g, struct hc_statfs *req)
{
	char rel[PATH_MAX];
	struct statfs host;
	void *buf = guest_ptr(g, req->buf, HC_STATFS_SIZE);
	int fd = -1, r;
	if (req->path_len) {
		struct mount *m = resolve(g, req->path, req->path_len, rel, &req->ret);
		if (!m)
			return GO_ON;
		fd = open_guest(&m, rel, O_PATH, 0, false);
		r = fd < 0 ? -1 : fstatfs(fd, &host);
	} else {
		int hfd = handle_fd(req->handle);
		errno = EBADF;
		r = hfd < 0 ? -1 : fstatfs(hfd, &host);
	}
	if (r == 0 && !buf) {
		r = -1;
		errno = EFAULT;
	}
	req->ret = r < 0 ? -errno : 0;
	if (r == 0)
		memcpy(buf, &host, HC_STATFS_SIZE);
	if (fd >= 0)
		close(fd);
	return GO_ON;
}
