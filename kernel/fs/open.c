/*
 * Opening and looking up files by path: canonical guest paths go to the
 * kernel's own files, to tmpfs when a tmpfs mount holds them, else to the
 * monitor.
 */
#include "devfile.h"
#include "drivers/monitor/hostfile.h"
#include "fd.h"
#include "kernel/kernel.h"
#include "kernel/mm/frame.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/direct_syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/uapi.h"
#include "kstat.h"
#include "mount.h"
#include "open.h"
#include "path.h"
#include "procdir.h"
#include "procfd.h"
#include "procfile.h"
#include "tmpfs.h"
#include "vfs.h"

unsigned file_umask(unsigned mask)
{
	struct proc *p = proc_current();
	unsigned old = p->umask;
	p->umask = mask;
	return old;
}

static unsigned masked(unsigned mode)
{
	return mode & 07777 & ~proc_current()->umask;
}

long file_open(int dirfd, const char *upath, int flags, unsigned mode)
{
	/* How both loaders open a library (musl's adds O_LARGEFILE), from their own code. */
	bool library = (flags & ~O_LARGEFILE) == (O_RDONLY | O_CLOEXEC) && direct_syscall_from_loader();
	return file_open_as(dirfd, upath, flags, mode, library ? HC_OPEN_LIBRARY : HC_OPEN_FILE);
}

long file_open_as(int dirfd, const char *upath, int flags, unsigned mode, unsigned kind)
{
	/* The path lives as long as the file: *at() calls resolve against it. */
	uint64_t frame = frame_alloc();
	if (!frame)
		return -ENOMEM;
	char *path = phys_to_virt(frame);
	long err = path_get(dirfd, upath, path, 0);
	int pfd;
	/* A link in /proc/self/fd opens its file's path again. */
	if (err >= 0 && procfd_path(path, &pfd) && pfd != PROCFD_DIR && pfd != PROCFD_ABOVE)
		err = procfd_reopen(pfd, path, flags);
	if (err == PROCFD_SAME) {
		frame_free(frame);
		return fd_dup(pfd, -1, 0, (flags & O_CLOEXEC) != 0);
	}
	if (err >= 0 && procfd_path(path, &pfd)) {
		if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_CREAT)) {
			frame_free(frame);
			return -EISDIR;
		}
		struct file *dir = pfd == PROCFD_ABOVE ? procdir_open(path, flags) : procfd_open(flags);
		if (pfd != PROCFD_ABOVE)
			frame_free(frame);
		return dir ? fd_install(dir, (flags & O_CLOEXEC) != 0) : -ENFILE;
	}
	int dev_kind;
	const struct dev_paths *driver = err < 0 ? 0 : devfile_paths(path, &dev_kind);
	if (driver) {
		frame_free(frame);
		return driver->open(dev_kind, flags);
	}
	int minor = err < 0 ? -1 : devfile_minor(path), proc = err < 0 ? -1 : procfile_index(path);
	if (minor >= 0 || proc >= 0) {
		frame_free(frame);
		if (proc >= 0 && ((flags & O_ACCMODE) != O_RDONLY || !procfile_may_open(proc)))
			return -EACCES;
		struct file *own = minor >= 0 ? devfile_open(minor, flags) : procfile_open(proc, flags);
		return own ? fd_install(own, (flags & O_CLOEXEC) != 0) : -ENFILE;
	}
	if (err >= 0 && mount_in_tmpfs(path))
		return tmpfs_open(path, flags, masked(mode), (flags & O_CLOEXEC) != 0);
	unsigned type = 0, copy = kind;
	long handle = err < 0 ? err : hostfile_open(path, flags & ~O_CLOEXEC, masked(mode), &type, &copy);
	struct file *f = handle < 0 ? 0 : file_alloc();
	if (!f) {
		if (handle >= 0)
			hostfile_close((int)handle, true);
		frame_free(frame);
		return handle < 0 ? handle : -ENFILE;
	}
	/* FIFOs and sockets have no position. */
	*f = (struct file){ .ops = &hostfile_ops, .refs = 1, .handle = (int)handle, .flags = flags, .path = path,
			    .host_append = (flags & O_APPEND) != 0, .type = type, .stream = type == S_IFIFO || type == S_IFSOCK,
			    .rewritten = copy != 0 };
	return fd_install(f, (flags & O_CLOEXEC) != 0);
}

/*
 * "/" and the directories leading to a mount point, when no mount covers
 * them: they exist in the guest's view, so they answer as the directories of
 * a tmpfs root in guest memory would.
 */
static bool above_mounts(const char *path)
{
	size_t len = strlen(path);
	if (len == 1)
		return true;
	const struct mount *m;
	for (int i = 0; (m = mount_at(i)); i++)
		if (!strncmp(m->path, path, len) && m->path[len] == '/')
			return true;
	return false;
}

static void root_stat(const char *path, struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	st->dev = 1;
	st->ino = strlen(path); /* differs between "/" and each directory below it on one path */
	st->nlink = 2;
	st->mode = S_IFDIR | 0755;
	st->blksize = PAGE_SIZE;
}

/*
 * stat of the kernel's own files (/proc/self/fd and /proc's directories, the memory devices,
 * the terminals, /proc files): true with *err (0 or -errno) and st filled; false for a path
 * that is none of them.
 */
static bool own_stat(const char *path, struct kstat *st, bool nofollow, long *err)
{
	int pfd, kind;
	const struct dev_paths *driver;
	*err = 0;
	if (procfd_path(path, &pfd))
		*err = procfd_stat(pfd, st, nofollow);
	else if (devfile_minor(path) >= 0)
		devfile_stat((unsigned)devfile_minor(path), st);
	else if ((driver = devfile_paths(path, &kind)))
		*err = driver->stat(kind, st);
	else if (procfile_index(path) >= 0)
		procfile_stat(procfile_index(path), st);
	else
		return false;
	return true;
}

/* stat of a canonical path: the kernel's own files, tmpfs, the host's, the directories above the mounts. */
static long stat_path(const char *path, struct kstat *st, bool nofollow)
{
	long err;
	if (own_stat(path, st, nofollow, &err))
		return err;
	err = mount_in_tmpfs(path) ? tmpfs_stat(path, st, nofollow) : hostfile_stat(path, st, nofollow);
	if (err == -ENOENT && above_mounts(path)) {
		root_stat(path, st);
		return 0;
	}
	return err;
}

long file_stat(int dirfd, const char *upath, struct kstat *st, int flags)
{
	char path[PATH_MAX];
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH))
		return -EINVAL;
	char first;
	if (copy_from_user(&first, upath, 1))
		return -EFAULT;
	if (!first && (flags & AT_EMPTY_PATH) && dirfd != AT_FDCWD) {
		struct file *f = fd_get(dirfd);
		return f ? f->ops->fstat(f, st) : -EBADF;
	}
	long err = path_get(dirfd, upath, path, flags & AT_EMPTY_PATH);
	return err < 0 ? err : stat_path(path, st, (flags & AT_SYMLINK_NOFOLLOW) != 0);
}

long file_statfs(const char *upath, struct statfs *buf)
{
	static char path[PATH_MAX];
	static struct statfs st;
	long err = path_get(AT_FDCWD, upath, path, 0);
	if (err < 0)
		return err;
	/* The kernel's own files, as Linux's devtmpfs and proc; a link in /proc/self/fd is followed. */
	int fd = 0;
	bool proc = procfd_path(path, &fd);
	if (devfile_minor(path) >= 0) {
		vfs_pseudo_statfs(buf, TMPFS_MAGIC, ST_RELATIME);
		return 0;
	}
	if (proc && fd >= 0) {
		struct file *f = fd_get(fd);
		return f ? vfs_fstatfs(f, buf) : -ENOENT;
	}
	if (proc && fd == PROCFD_NONE)
		return -ENOENT;
	if (proc || procfile_index(path) >= 0) {
		vfs_pseudo_statfs(buf, PROC_SUPER_MAGIC, ST_RELATIME);
		return 0;
	}
	if (mount_in_tmpfs(path)) {
		tmpfs_statfs(buf);
		return 0;
	}
	err = hostfile_statfs(path, 0, &st);
	*buf = st;
	if (err == -ENOENT && above_mounts(path)) {
		/* Sized as the guest's memory, as Linux sizes a tmpfs by RAM. */
		vfs_pseudo_statfs(buf, TMPFS_MAGIC, ST_RELATIME);
		buf->f_blocks = buf->f_files = boot->mem_size / PAGE_SIZE;
		buf->f_bfree = buf->f_bavail = buf->f_ffree = frame_free_count();
		return 0;
	}
	return err;
}

long file_is_dir(const char *path)
{
	static struct kstat st;
	int pfd;
	/* A link in /proc/self/fd names an open file: its path, not the link's, is a directory to be in. */
	long err = procfd_path(path, &pfd) && pfd >= 0 ? -ENOENT : stat_path(path, &st, false);
	if (err < 0)
		return err;
	return (st.mode & S_IFMT) == S_IFDIR ? 0 : -ENOTDIR;
}

/*
 * access(2) of the kernel's own files (devices, terminals, /proc): 1 with *err set, or 0
 * for another path. As Linux: by the real ids, root may read and write anything and execute
 * what some execute bit allows.
 */
static bool own_access(const char *path, unsigned mode, long *err)
{
	struct kstat st;
	if (!own_stat(path, &st, false, err))
		return false;
	if (*err < 0)
		return true;
	const struct cred *c = &proc_current()->cred;
	unsigned perm = st.mode & 07777;
	bool dir = (st.mode & S_IFMT) == S_IFDIR;
	if (c->uid[CRED_REAL] == 0) {
		*err = (mode & X_OK) && !dir && !(perm & 0111) ? -EACCES : 0;
		return true;
	}
	unsigned granted = c->uid[CRED_REAL] == st.uid ? perm >> 6 : c->gid[CRED_REAL] == st.gid ? perm >> 3 : perm;
	*err = (mode & ~granted & 7) ? -EACCES : 0;
	return true;
}

long file_pathop(int op, int dirfd, const char *upath, int dirfd2, const char *upath2, uint64_t arg)
{
	static char path[PATH_MAX], path2[PATH_MAX];
	long err = path_get(dirfd, upath, path, 0);
	if (err < 0)
		return err;
	if (op == HC_PATH_SYMLINK) {
		err = strncpy_from_user(path2, upath2, sizeof(path2));
		if (err == 0)
			err = -ENOENT;
	} else if (upath2) {
		err = path_get(dirfd2, upath2, path2, 0);
	}
	if (err < 0)
		return err;
	if (op == HC_PATH_ACCESS && own_access(path, (unsigned)arg, &err))
		return err;
	if (op == HC_PATH_MKDIR)
		arg = masked((unsigned)arg);
	bool two_paths = op == HC_PATH_RENAME || op == HC_PATH_LINK;
	if (mount_in_tmpfs(path) || (two_paths && mount_in_tmpfs(path2)))
		return tmpfs_pathop(op, path, upath2 ? path2 : 0, arg);
	return hostfile_pathop(op, path, upath2 ? path2 : 0, arg);
}

long file_mknod(int dirfd, const char *upath, unsigned mode, unsigned dev)
{
	static char path[PATH_MAX];
	unsigned type = mode & S_IFMT ? mode & S_IFMT : S_IFREG;
	(void)dev;
	if (type == S_IFCHR || type == S_IFBLK)
		return -EPERM;
	if (type != S_IFREG && type != S_IFIFO && type != S_IFSOCK)
		return -EINVAL;
	long err = path_get(dirfd, upath, path, 0);
	if (err < 0)
		return err;
	int dev_kind;
	if (devfile_minor(path) >= 0 || procfile_index(path) >= 0 || devfile_paths(path, &dev_kind))
		return -EEXIST;
	if (mount_in_tmpfs(path))
		return tmpfs_mknod(path, type | masked(mode));
	if (type != S_IFREG)
		return -EPERM; /* FIFOs and sockets are made in the kernel's tmpfs only */
	unsigned host_type = 0, copy = HC_OPEN_FILE;
	long handle = hostfile_open(path, O_WRONLY | O_CREAT | O_EXCL, masked(mode), &host_type, &copy);
	if (handle < 0)
		return handle;
	hostfile_close((int)handle, true);
	return 0;
}

long file_utimens(int dirfd, const char *upath, const int64_t *utimes, int flags)
{
	static char path[PATH_MAX];
	static int64_t times[4];
	if (flags & ~AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	long err;
	if (!upath) {
		/* futimens(): the descriptor's own path. */
		struct file *f = fd_get(dirfd);
		if (!f)
			return -EBADF;
		if (!f->path)
			return -EINVAL;
		err = (long)ksnprintf(path, sizeof(path), "%s", f->path);
	} else {
		err = path_get(dirfd, upath, path, 0);
	}
	if (err < 0)
		return err;
	if (utimes)
		memcpy(times, utimes, sizeof(times));
	if (mount_in_tmpfs(path))
		return tmpfs_pathop(HC_PATH_UTIMENS, path, utimes ? (const char *)times : 0, flags & AT_SYMLINK_NOFOLLOW ? 1 : 0);
	struct hc_pathop req = { .op = HC_PATH_UTIMENS, .path = virt_to_phys(path), .path_len = strlen(path),
				 .path2 = utimes ? virt_to_phys(times) : 0, .arg = (flags & AT_SYMLINK_NOFOLLOW) != 0 };
	hostfile_call(HC_PATHOP, &req);
	return req.ret;
}
