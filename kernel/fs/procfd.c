/*
 * /proc/self/fd as Linux shows it: a directory listing ".", ".." and one
 * symbolic link per open descriptor, named by its number, whose mode says how
 * the file was opened; following a link stats the open file, and opening it
 * opens the file's path again. /dev/fd, /dev/stdin, /dev/stdout and
 * /dev/stderr lead into it.
 */
#include "devfile.h"
#include "kernel/kernel.h"
#include "kernel/mm/uaccess.h"
#include "kernel/time/time.h"
#include "kernel/uapi.h"
#include "kstat.h"
#include "path.h"
#include "pipe.h"
#include "procdir.h"
#include "procfd.h"
#include "vfs.h"

#define PROC_DEV 22              /* as the other /proc files */
#define DIR_INO 4026532000ULL    /* the directory; descriptor N is DIR_INO + 1 + N */
#define LINK_SIZE 64             /* Linux's st_size for these links */

static char dir_path[] = "/proc/self/fd";

/* Linux's symbolic links into the directory: /dev/fd to it, /dev/std* to descriptors 0-2. */
static const char dev_fd[] = "/dev/fd";
static const char *const dev_std[] = { "/dev/stdin", "/dev/stdout", "/dev/stderr" };

long procfd_link_target(const char *path, char *buf, size_t size)
{
	if (strcmp(path, dev_fd) == 0)
		return ksnprintf(buf, size, "%s", dir_path);
	for (int i = 0; i < 3; i++)
		if (strcmp(path, dev_std[i]) == 0)
			return ksnprintf(buf, size, "%s/%d", dir_path, i);
	return -1;
}

/* The length of the directory's name (or /dev/fd) that path starts with, whole; or 0. */
static size_t dir_prefix(const char *path)
{
	static const char *const names[] = { dir_path, dev_fd };
	for (int i = 0; i < 2; i++) {
		size_t n = strlen(names[i]);
		if (strncmp(path, names[i], n) == 0 && (!path[n] || path[n] == '/'))
			return n;
	}
	return 0;
}

bool procfd_path(const char *path, int *fd)
{
	if (procdir_path(path)) {
		*fd = PROCFD_ABOVE;
		return true;
	}
	for (int i = 0; i < 3; i++)
		if (strcmp(path, dev_std[i]) == 0) {
			*fd = i;
			return true;
		}
	size_t n = dir_prefix(path);
	if (!n)
		return false;
	*fd = PROCFD_DIR;
	if (!path[n])
		return true;
	/* A decimal number below FD_CEILING without leading zeros, as Linux reads it. */
	const char *p = path + n + 1;
	*fd = p[0] == '0' && p[1] ? PROCFD_NONE : 0;
	for (; *p && *fd >= 0; p++)
		*fd = *p < '0' || *p > '9' || *fd >= FD_CEILING ? PROCFD_NONE : *fd * 10 + (*p - '0');
	return true;
}

static void proc_stat(struct kstat *st, uint64_t ino, uint32_t mode, int64_t size)
{
	struct ktimespec now;
	clock_read(CLOCK_REALTIME, &now);
	*st = (struct kstat){ .dev = PROC_DEV, .ino = ino, .nlink = (mode & S_IFDIR) ? 2 : 1, .mode = mode,
			      .uid = boot->euid, .gid = boot->egid, .size = size, .blksize = 1024,
			      .atime = now.sec, .atime_nsec = now.nsec, .mtime = now.sec, .mtime_nsec = now.nsec,
			      .ctime = now.sec, .ctime_nsec = now.nsec };
}

long procfd_stat(int fd, struct kstat *st, bool nofollow)
{
	if (fd == PROCFD_DIR) {
		/* Linux gives the directory's size as the number of open descriptors. */
		int open = 0;
		for (int i = fd_next(0); i >= 0; i = fd_next(i + 1))
			open++;
		proc_stat(st, DIR_INO, S_IFDIR | 0500, open);
		return 0;
	}
	if (fd == PROCFD_ABOVE) {
		proc_stat(st, DIR_INO - 1, S_IFDIR | 0555, 0);
		return 0;
	}
	struct file *f = fd < 0 ? 0 : fd_get(fd);
	if (!f)
		return -ENOENT;
	if (!nofollow)
		return f->ops->fstat ? f->ops->fstat(f, st) : -ENOENT;
	static const uint32_t modes[] = { [O_RDONLY] = 0500, [O_WRONLY] = 0300, [O_RDWR] = 0700 };
	int access = f->flags & O_ACCMODE;
	proc_stat(st, DIR_INO + 1 + (uint64_t)fd, S_IFLNK | (access < 3 ? modes[access] : 0), LINK_SIZE);
	return 0;
}

long procfd_reopen(int fd, char *path, int flags)
{
	struct file *f = fd < 0 ? 0 : fd_get(fd);
	if (!f)
		return -ENOENT;
	if (flags & O_NOFOLLOW)
		return -ELOOP;
	const char *name = f->path ? f->path : devfile_name(f);
	if (name)
		return ksnprintf(path, PATH_MAX, "%s", name);
	/*
	 * Pipes and the standard streams have no path to open again: the same
	 * file is, in the access it has. Sockets and the kernel's other files
	 * (eventfd, epoll...) cannot be opened, as on Linux.
	 */
	int has = f->flags & O_ACCMODE, want = flags & O_ACCMODE;
	bool same = pipe_file(f) || (file_is_host(f) && f->stream);
	return same && (has == O_RDWR || has == want) ? PROCFD_SAME : -ENXIO;
}

/* The position is the next entry: 0 ".", 1 "..", 2 + N descriptor N. */
static long dir_getdents(struct file *f, void *ubuf, size_t len)
{
	size_t done = 0;
	for (; f->pos < 2 + FD_CEILING; f->pos++) {
		int fd = (int)f->pos - 2;
		if (fd >= 0 && (fd = fd_next(fd)) < 0) {
			f->pos = 2 + FD_CEILING;
			break;
		}
		if (fd >= 0)
			f->pos = 2 + fd;
		uint64_t ino = fd >= 0 ? DIR_INO + 1 + (uint64_t)fd : DIR_INO - (uint64_t)f->pos; /* ".." is /proc/self's */
		char name[16];
		if (fd >= 0)
			ksnprintf(name, sizeof(name), "%d", fd);
		else
			ksnprintf(name, sizeof(name), "%s", f->pos ? ".." : ".");
		int r = vfs_dirent(ubuf, len, &done, ino, f->pos + 1, fd >= 0 ? DT_LNK : DT_DIR, name);
		if (r <= 0)
			return done ? (long)done : r ? r : -EINVAL;
	}
	return (long)done;
}

static long dir_fstat(struct file *f, struct kstat *st)
{
	(void)f;
	return procfd_stat(PROCFD_DIR, st, true);
}

/* Linux's proc_setattr: no mode changes in /proc/self. */
static long dir_chmod(struct file *f, unsigned mode)
{
	(void)f, (void)mode;
	return -EPERM;
}

/* Linux's generic_file_llseek on an inode of size 0: st_size is only what stat shows. */
static int64_t dir_llseek(struct file *f, int64_t offset, int whence)
{
	if (whence != SEEK_END)
		return vfs_seek_target(f, offset, whence);
	return offset < 0 ? -EINVAL : offset;
}

static long dir_statfs(struct file *f, struct statfs *buf)
{
	(void)f;
	vfs_pseudo_statfs(buf, PROC_SUPER_MAGIC, ST_RELATIME);
	return 0;
}

static const struct file_ops dir_ops = {
	.getdents = dir_getdents,
	.fstat = dir_fstat,
	.chmod = dir_chmod,
	.llseek = dir_llseek,
	.statfs = dir_statfs,
};

struct file *procfd_open(int flags)
{
	struct file *f = file_alloc();
	/* The path lets *at() calls name the links relative to the directory. */
	if (f)
		*f = (struct file){ .ops = &dir_ops, .refs = 1, .flags = flags, .path = dir_path };
	return f;
}
