/*
 * The in-memory file system by handle, as the monitor serves host files by
 * handle: handles from RAMFS_FIRST_HANDLE on name open nodes, each with its
 * open flags, a position for streams of reads (offset -1) and a directory
 * position for getdents.
 */
#include <asm-generic/errno.h>
#include <asm-generic/fcntl.h>

#include "ramfs.h"
#include "kernel/kernel.h"

#define HANDLE_MAX 1024
#define DT_DIR 4
#define DT_REG 8
#define DT_LNK 10
#define DIRENT_HEAD 19 /* linux_dirent64 up to d_name */
#define FALLOC_FL_KEEP_SIZE 1

struct rhandle {
	struct rnode *node; /* 0: free */
	int flags;
	int64_t pos;        /* files: for offset -1; directories: the next entry's cookie */
};

static struct rhandle handles[HANDLE_MAX];

static struct rhandle *handle(int32_t h)
{
	return h >= RAMFS_FIRST_HANDLE && h < HANDLE_MAX && handles[h].node ? &handles[h] : 0;
}

struct rnode *ramfs_handle_node(int32_t h)
{
	struct rhandle *rh = handle(h);
	return rh ? rh->node : 0;
}

long ramfs_handle_new(struct rnode *n, int flags)
{
	for (int h = RAMFS_FIRST_HANDLE; h < HANDLE_MAX; h++)
		if (!handles[h].node) {
			handles[h] = (struct rhandle){ n, flags, 0 };
			n->opens++;
			return h;
		}
	return -ENFILE;
}

long ramfs_close(int32_t h)
{
	struct rhandle *rh = handle(h);
	if (!rh)
		return -EBADF;
	struct rnode *n = rh->node;
	rh->node = 0;
	ramfs_unlock_all(n, h);
	n->opens--;
	ramfs_node_put(n);
	return 0;
}

static bool may_read(const struct rhandle *rh)
{
	return (rh->flags & O_ACCMODE) != O_WRONLY;
}

static bool may_write(const struct rhandle *rh)
{
	return (rh->flags & O_ACCMODE) != O_RDONLY;
}

long ramfs_read_handle(int32_t h, void *buf, size_t len, int64_t offset)
{
	struct rhandle *rh = handle(h);
	if (!rh || !may_read(rh))
		return -EBADF;
	if (S_ISDIR(rh->node->mode))
		return -EISDIR;
	long r = ramfs_read(rh->node, buf, len, offset < 0 ? rh->pos : offset);
	if (offset < 0 && r > 0)
		rh->pos += r;
	return r;
}

long ramfs_write_handle(int32_t h, const void *buf, size_t len, int64_t offset)
{
	struct rhandle *rh = handle(h);
	if (!rh || !may_write(rh))
		return -EBADF;
	int64_t at = rh->flags & O_APPEND ? rh->node->size : offset < 0 ? rh->pos : offset;
	long r = ramfs_write(rh->node, buf, len, at);
	if (offset < 0 && r > 0)
		rh->pos = at + r;
	return r;
}

static uint8_t dirent_type(const struct rnode *n)
{
	return S_ISDIR(n->mode) ? DT_DIR : S_ISLNK(n->mode) ? DT_LNK : DT_REG;
}

/* One linux_dirent64 at out if it fits in room; its size, or 0. */
static size_t put_dirent(uint8_t *out, size_t room, const struct rnode *n, uint64_t cookie, const char *name,
			 size_t len)
{
	size_t reclen = (DIRENT_HEAD + len + 1 + 7) & ~(size_t)7;
	if (reclen > room)
		return 0;
	int64_t next = (int64_t)cookie + 1;
	uint16_t rl = (uint16_t)reclen;
	uint8_t type = dirent_type(n);
	memset(out, 0, reclen);
	memcpy(out, &n->ino, 8);
	memcpy(out + 8, &next, 8);
	memcpy(out + 16, &rl, 2);
	out[18] = type;
	memcpy(out + DIRENT_HEAD, name, len);
	return reclen;
}

long ramfs_getdents(int32_t h, void *buf, size_t len)
{
	struct rhandle *rh = handle(h);
	if (!rh)
		return -EBADF;
	struct rnode *dir = rh->node;
	if (!S_ISDIR(dir->mode))
		return -ENOTDIR;
	uint8_t *out = buf;
	size_t used = 0, k;
	/* "." and ".." are cookies 0 and 1; entries count from 2 in the order they were made. */
	if (rh->pos == 0) {
		if (!(k = put_dirent(out, len, dir, 0, ".", 1)))
			return -EINVAL;
		used += k;
		rh->pos = 1;
	}
	if (rh->pos == 1) {
		if (!(k = put_dirent(out + used, len - used, dir->parent, 1, "..", 2)))
			return used ? (long)used : -EINVAL;
		used += k;
		rh->pos = 2;
	}
	for (struct rdirent *e = dir->entries; e; e = e->next) {
		if ((int64_t)e->cookie < rh->pos)
			continue;
		if (!(k = put_dirent(out + used, len - used, e->node, e->cookie, e->name, e->len)))
			return used ? (long)used : -EINVAL;
		used += k;
		rh->pos = (int64_t)e->cookie + 1;
	}
	return (long)used;
}

long ramfs_fstat(int32_t h, struct kstat *st)
{
	struct rhandle *rh = handle(h);
	if (!rh)
		return -EBADF;
	ramfs_stat(rh->node, st);
	return 0;
}

/* fallocate(2): space is never reserved ahead, so only growing the size does anything. */
static long allocate(struct rhandle *rh, uint64_t mode, int64_t offset, int64_t len)
{
	if (!may_write(rh))
		return -EBADF;
	if (offset < 0 || len <= 0)
		return -EINVAL;
	if (S_ISDIR(rh->node->mode))
		return -EISDIR;
	if (mode & ~(uint64_t)FALLOC_FL_KEEP_SIZE)
		return -EOPNOTSUPP;
	if (offset > INT64_MAX - len)
		return -EFBIG;
	if (mode || offset + len <= rh->node->size)
		return 0;
	return ramfs_truncate(rh->node, offset + len);
}

long ramfs_fileop(const struct hc_fileop *req)
{
	struct rhandle *rh = handle(req->handle);
	if (!rh)
		return -EBADF;
	uint64_t arg = req->arg;
	switch (req->op) {
	case HC_FILE_FCHMOD:
		return ramfs_chmod(rh->node, (uint32_t)arg);
	case HC_FILE_FCHOWN:
		return ramfs_chown(rh->node, (uint32_t)(arg >> 32), (uint32_t)arg);
	case HC_FILE_FTRUNCATE:
		if (!may_write(rh) || !S_ISREG(rh->node->mode))
			return -EINVAL;
		return ramfs_truncate(rh->node, (int64_t)arg);
	case HC_FILE_FSYNC:
	case HC_FILE_FDATASYNC:
	case HC_FILE_FLOCK: /* the kernel decides between processes (kernel/fs/flocks.c): no one else is here */
		return 0;
	case HC_FILE_TELL:
		return rh->pos;
	case HC_FILE_SEEK:
		if ((int64_t)arg < 0)
			return -EINVAL;
		rh->pos = (int64_t)arg;
		return rh->pos;
	case HC_FILE_FALLOCATE:
		return allocate(rh, arg, (int64_t)req->arg2, (int64_t)req->arg3);
	case HC_FILE_LOCK:
		return ramfs_lock(rh->node, req->handle, may_read(rh), may_write(rh), arg, phys_to_virt(req->arg2));
	default:
		return -EINVAL;
	}
}
