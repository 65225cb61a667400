/*
 * tmpfs by path: the kernel's /tmp and /dev/shm are directories of the
 * in-memory file system's tree, seen only through their mounts, so that the
 * file system's own calls (ramfs_path.c) serve them as they serve qemu-run's
 * mounts, with Linux's permission checks.
 */
#include "fd.h"
#include "kernel/kernel.h"
#include "kernel/mm/frame.h"
#include "mount.h"
#include "path.h"
#include "pipe.h"
#include "ramfs/ramfs.h"
#include "tmpfs.h"

extern const struct file_ops tmpfs_ops;

/* A directory of root's at path, unless there is one; panics if memory runs out at boot. */
static void make_dir(const char *path, uint32_t mode)
{
	static struct rwalk w;
	if (ramfs_walk(path, strlen(path), true, &w) != -ENOENT || !w.dir)
		return;
	struct rnode *n = ramfs_node_new(S_IFDIR | mode);
	if (!n || ramfs_link(w.dir, w.name, w.len, n))
		panic("no memory for %s", path);
	n->uid = n->gid = 0;
}

void tmpfs_make_path(const char *path, uint32_t mode)
{
	static char above[PATH_MAX];
	for (size_t i = 1; path[i] && i < sizeof(above); i++)
		if (path[i] == '/') {
			memcpy(above, path, i);
			above[i] = 0;
			make_dir(above, 0755);
		}
	make_dir(path, mode);
}

void tmpfs_mount(const char *path)
{
	ramfs_mount(0, path, false);
	tmpfs_make_path(path, 01777);
}

long tmpfs_open(char *path, int flags, unsigned mode, bool cloexec)
{
	long h = ramfs_open(path, strlen(path), flags & ~O_CLOEXEC, mode);
	struct rnode *n = h < 0 ? 0 : ramfs_handle_node((int32_t)h);
	if (n && (S_ISFIFO(n->mode) || S_ISSOCK(n->mode))) {
		/* The FIFO's pipe holds the node while open; a socket is not opened by name (ENXIO). */
		long fd = S_ISFIFO(n->mode) ? pipe_open_fifo(n, path, flags) : -ENXIO;
		if (S_ISSOCK(n->mode))
			frame_free(virt_to_phys(path));
		ramfs_close((int32_t)h);
		return fd;
	}
	struct file *f = n ? file_alloc() : 0;
	if (!f) {
		if (n)
			ramfs_close((int32_t)h);
		frame_free(virt_to_phys(path));
		return h < 0 ? h : -ENFILE;
	}
	*f = (struct file){ .ops = &tmpfs_ops, .refs = 1, .handle = (int)h, .flags = flags & ~O_TMPFILE,
			    .path = path, .type = n->mode & S_IFMT };
	return fd_install(f, cloexec);
}

long tmpfs_mknod(const char *path, uint32_t mode)
{
	return ramfs_mknod(path, strlen(path), mode);
}

long tmpfs_stat(const char *path, struct kstat *st, bool nofollow)
{
	return ramfs_stat_path(path, strlen(path), nofollow, st);
}

long tmpfs_readlink(const char *path, char *buf, size_t size)
{
	return ramfs_readlink(path, strlen(path), buf, size);
}

long tmpfs_pathop(int op, const char *path, const char *path2, uint64_t arg)
{
	const struct mount *m = mount_of(path);
	bool two_paths = op == HC_PATH_RENAME || op == HC_PATH_LINK;
	if (two_paths && mount_of(path2) != m)
		return -EXDEV;
	/* The mount's own directory stays where it is. */
	bool removes = op == HC_PATH_RMDIR || op == HC_PATH_UNLINK || op == HC_PATH_RENAME;
	if (removes && (!strcmp(path, m->path) || (op == HC_PATH_RENAME && !strcmp(path2, m->path))))
		return -EBUSY;
	/* UTIMENS's path2 is its two times, if any; the others' a string. */
	struct hc_pathop req = { .op = op, .path = virt_to_phys(path), .path_len = strlen(path), .arg = arg,
				 .path2 = path2 ? virt_to_phys(path2) : 0,
				 .path2_len = path2 && op != HC_PATH_UTIMENS ? strlen(path2) : 0 };
	return ramfs_pathop(&req);
}

void tmpfs_statfs(struct statfs *buf)
{
	ramfs_statfs(buf);
	buf->f_flags |= ST_NOSUID | ST_NODEV;
}
