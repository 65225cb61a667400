/*
 * The in-memory file system by path, as the monitor serves host files by
 * path: only paths beneath a mount exist (ENOENT elsewhere, as uhyve-run
 * without a mount there), writes beneath a read-only mount are EROFS, and
 * permissions are checked for the program's user as Linux checks them.
 */
#include <asm-generic/errno.h>
#include <asm-generic/fcntl.h>

#include "ramfs.h"
#include "slab.h"
#include "kernel/kernel.h"
#include "kernel/fs/path.h"

#define UTIME_NOW ((1L << 30) - 1)
#define UTIME_OMIT ((1L << 30) - 2)

static struct rwalk walk, walk2;

/* Walk a path the program may see; writes beneath a read-only mount are EROFS. */
static long find(const char *path, size_t len, bool follow, bool write, struct rwalk *w)
{
	if (!ramfs_visible(path, len))
		return -ENOENT;
	if (write && ramfs_read_only(path, len))
		return -EROFS;
	return ramfs_walk(path, len, follow, w);
}

/* A new node named by the walk's missing last component, in a directory the user may write. */
static long create(struct rwalk *w, uint32_t mode, struct rnode **out)
{
	if (!ramfs_may(w->dir, MAY_WRITE | MAY_EXEC))
		return -EACCES;
	struct rnode *n = ramfs_node_new(mode);
	if (!n)
		return -ENOSPC;
	long err = ramfs_link(w->dir, w->name, w->len, n);
	if (err) {
		ramfs_node_put(n);
		return err;
	}
	*out = n;
	return 0;
}

/* O_TMPFILE: a file in the directory that no name links, gone at its last close. */
static long open_unnamed(const char *path, size_t len, int flags, uint32_t mode)
{
	long err = find(path, len, true, true, &walk);
	if (err)
		return err;
	if (!S_ISDIR(walk.node->mode))
		return -ENOTDIR;
	if ((flags & O_ACCMODE) == O_RDONLY)
		return -EINVAL;
	if (!ramfs_may(walk.node, MAY_WRITE | MAY_EXEC))
		return -EACCES;
	struct rnode *n = ramfs_node_new(S_IFREG | (mode & 07777));
	if (!n)
		return -ENOSPC;
	err = ramfs_handle_new(n, flags & ~O_TMPFILE);
	if (err < 0)
		ramfs_node_put(n);
	return err;
}

long ramfs_open(const char *path, size_t len, int flags, uint32_t mode)
{
	if ((flags & O_TMPFILE) == O_TMPFILE)
		return open_unnamed(path, len, flags, mode);
	int acc = flags & O_ACCMODE;
	bool write = acc != O_RDONLY || (flags & (O_CREAT | O_TRUNC));
	bool excl = (flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL);
	long err = find(path, len, !(flags & O_NOFOLLOW) && !excl, write, &walk);
	struct rnode *n = walk.node;
	if (err == -ENOENT && walk.dir && (flags & O_CREAT)) {
		if ((err = create(&walk, S_IFREG | (mode & 07777), &n)))
			return err;
	} else if (err) {
		return err;
	} else if (excl) {
		return -EEXIST;
	} else if (S_ISLNK(n->mode)) {
		return -ELOOP;
	} else if (S_ISDIR(n->mode) && (acc != O_RDONLY || (flags & O_CREAT))) {
		return -EISDIR;
	} else if (!S_ISDIR(n->mode) && (flags & O_DIRECTORY)) {
		return -ENOTDIR;
	} else if ((acc != O_WRONLY && !ramfs_may(n, MAY_READ)) || (acc != O_RDONLY && !ramfs_may(n, MAY_WRITE)) ||
		   ((flags & O_TRUNC) && !ramfs_may(n, MAY_WRITE))) {
		return -EACCES;
	} else if ((flags & O_TRUNC) && S_ISREG(n->mode) && (err = ramfs_truncate(n, 0))) {
		return err;
	}
	return ramfs_handle_new(n, flags);
}

long ramfs_mknod(const char *path, size_t len, uint32_t mode)
{
	struct rnode *n;
	long err = find(path, len, false, true, &walk);
	if (err != -ENOENT || !walk.dir)
		return err ? err : -EEXIST;
	return create(&walk, mode, &n);
}

long ramfs_stat_path(const char *path, size_t len, bool nofollow, struct kstat *st)
{
	long err = find(path, len, !nofollow, false, &walk);
	if (!err)
		ramfs_stat(walk.node, st);
	return err;
}

long ramfs_readlink(const char *path, size_t len, char *buf, size_t size)
{
	long err = find(path, len, false, false, &walk);
	if (err)
		return err;
	if (!S_ISLNK(walk.node->mode))
		return -EINVAL;
	size_t n = strlen(walk.node->target);
	n = n < size ? n : size;
	memcpy(buf, walk.node->target, n);
	return (long)n;
}

/* Whether the caller may take an existing entry out of its directory (unlink, rmdir, rename away or over). */
static long removable(const struct rwalk *w)
{
	if (!w->entry)
		return -EBUSY; /* the root */
	if (!ramfs_may(w->dir, MAY_WRITE | MAY_EXEC))
		return -EACCES;
	/* A sticky directory (/tmp): only the entry's owner, the directory's, or root. */
	if ((w->dir->mode & S_ISVTX) && !ramfs_owner(w->node) && !ramfs_owner(w->dir))
		return -EPERM;
	return 0;
}

static bool inside(const struct rnode *dir, const struct rnode *n)
{
	for (;; dir = dir->parent) {
		if (dir == n)
			return true;
		if (dir == dir->parent)
			return false;
	}
}

static long do_rename(unsigned flags)
{
	struct rnode *n = walk.node, *old = walk2.node;
	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL;
	if (old && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	if (old == n)
		return 0;
	if (S_ISDIR(n->mode) && inside(walk2.dir, n))
		return -EINVAL;
	if (old) {
		if (S_ISDIR(n->mode) && !S_ISDIR(old->mode))
			return -ENOTDIR;
		if (!S_ISDIR(n->mode) && S_ISDIR(old->mode))
			return -EISDIR;
		if (S_ISDIR(old->mode) && old->entries)
			return -ENOTEMPTY;
		ramfs_unlink(walk2.dir, walk2.entry);
	}
	/* Linked under the new name before the old one goes, so it never drops to no links. */
	long err = ramfs_link(walk2.dir, walk2.name, walk2.len, n);
	if (!err)
		ramfs_unlink(walk.dir, walk.entry);
	return err;
}

/* Operations on the node a path names: chmod, access, chown, truncate, utimens. */
static long on_node(const struct hc_pathop *req, const char *path, size_t len)
{
	bool nofollow = req->op == HC_PATH_UTIMENS && (req->arg & 1);
	bool write = req->op != HC_PATH_ACCESS || (req->arg & MAY_WRITE);
	long err = find(path, len, !nofollow, write, &walk);
	struct rnode *n = walk.node;
	if (err)
		return err;
	switch (req->op) {
	case HC_PATH_CHMOD:
		return ramfs_chmod(n, (uint32_t)req->arg);
	case HC_PATH_CHOWN:
		return ramfs_chown(n, (uint32_t)(req->arg >> 32), (uint32_t)req->arg);
	case HC_PATH_ACCESS:
		return ramfs_may(n, (int)req->arg & 7) ? 0 : -EACCES;
	case HC_PATH_TRUNCATE:
		if (S_ISDIR(n->mode))
			return -EISDIR;
		return ramfs_may(n, MAY_WRITE) ? ramfs_truncate(n, (int64_t)req->arg) : -EACCES;
	default: { /* HC_PATH_UTIMENS */
		const struct ktimespec *t = req->path2 ? phys_to_virt(req->path2) : 0;
		bool set_now = !t || (t[0].nsec == UTIME_NOW && t[1].nsec == UTIME_NOW);
		if (!ramfs_owner(n) && !(set_now && ramfs_may(n, MAY_WRITE)))
			return ramfs_may(n, MAY_WRITE) || !set_now ? -EPERM : -EACCES;
		struct ktimespec now;
		ramfs_now(&now);
		if (!t || t[0].nsec != UTIME_OMIT)
			n->atime = !t || t[0].nsec == UTIME_NOW ? now : t[0];
		if (!t || t[1].nsec != UTIME_OMIT)
			n->mtime = !t || t[1].nsec == UTIME_NOW ? now : t[1];
		n->ctime = now;
		return 0;
	}
	}
}

long ramfs_pathop(const struct hc_pathop *req)
{
	const char *path = phys_to_virt(req->path), *path2 = phys_to_virt(req->path2);
	size_t len = req->path_len;
	struct rnode *n;
	long err;
	switch (req->op) {
	case HC_PATH_MKDIR:
		err = find(path, len, false, true, &walk);
		if (err != -ENOENT || !walk.dir)
			return err ? err : -EEXIST;
		return create(&walk, S_IFDIR | ((uint32_t)req->arg & 07777), &n);
	case HC_PATH_SYMLINK:
		err = find(path, len, false, true, &walk);
		if (err != -ENOENT || !walk.dir)
			return err ? err : -EEXIST;
		if (req->path2_len == 0 || req->path2_len >= PATH_MAX)
			return req->path2_len ? -ENAMETOOLONG : -ENOENT;
		char *target = slab_alloc(req->path2_len + 1);
		if (!target)
			return -ENOSPC;
		memcpy(target, path2, req->path2_len);
		if ((err = create(&walk, S_IFLNK | 0777, &n))) {
			slab_free(target, req->path2_len + 1);
			return err;
		}
		n->target = target;
		n->size = (int64_t)req->path2_len;
		return 0;
	case HC_PATH_UNLINK:
	case HC_PATH_RMDIR:
		if ((err = find(path, len, false, true, &walk)) || (err = removable(&walk)))
			return err;
		n = walk.node;
		if (req->op == HC_PATH_UNLINK && S_ISDIR(n->mode))
			return -EISDIR;
		if (req->op == HC_PATH_RMDIR && !S_ISDIR(n->mode))
			return -ENOTDIR;
		if (n->entries)
			return -ENOTEMPTY;
		ramfs_unlink(walk.dir, walk.entry);
		return 0;
	case HC_PATH_RENAME:
	case HC_PATH_LINK:
		if ((err = find(path, len, false, true, &walk)) ||
		    (req->op == HC_PATH_RENAME && (err = removable(&walk))))
			return err;
		err = find(path2, req->path2_len, false, true, &walk2);
		if (err && (err != -ENOENT || !walk2.dir))
			return err;
		if (!ramfs_may(walk2.dir ? walk2.dir : walk2.node, MAY_WRITE | MAY_EXEC))
			return -EACCES;
		if (req->op == HC_PATH_RENAME && walk2.node && (err = removable(&walk2)))
			return err;
		if (req->op == HC_PATH_RENAME)
			return do_rename((unsigned)req->arg);
		if (S_ISDIR(walk.node->mode))
			return -EPERM;
		return err ? ramfs_link(walk2.dir, walk2.name, walk2.len, walk.node) : -EEXIST;
	case HC_PATH_CHMOD:
	case HC_PATH_ACCESS:
	case HC_PATH_CHOWN:
	case HC_PATH_TRUNCATE:
	case HC_PATH_UTIMENS:
		return on_node(req, path, len);
	default:
		return -EINVAL;
	}
}
