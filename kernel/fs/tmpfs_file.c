/*
 * tmpfs files as file_ops: the open file names a handle of the in-memory
 * file system (ramfs_handle.c), and its bytes are frames of the kernel's
 * allocator, which MAP_SHARED maps in place, so that processes share them.
 */
#include "fd.h"
#include "kernel/kernel.h"
#include "kernel/mm/frame.h"
#include "kernel/mm/uaccess.h"
#include "ramfs/ramfs.h"
#include "tmpfs.h"
#include "vfs.h"

static struct rnode *node(struct file *f)
{
	return ramfs_handle_node(f->handle);
}

static long fileop(struct file *f, int op, uint64_t arg, uint64_t arg2, uint64_t arg3)
{
	struct hc_fileop req = { .handle = f->handle, .op = op, .arg = arg, .arg2 = arg2, .arg3 = arg3 };
	return ramfs_fileop(&req);
}

/* Move the vector's bytes through a page of kernel memory: the user copies catch bad addresses. */
static long transfer(struct file *f, const struct kiovec *iov, int n, int64_t offset, bool write)
{
	static char bounce[PAGE_SIZE];
	struct rnode *rn = node(f);
	if (S_ISDIR(rn->mode))
		return -EISDIR;
	size_t done = 0;
	for (int i = 0; i < n; i++) {
		for (size_t at = 0; at < iov[i].len;) {
			char *u = (char *)iov[i].base + at;
			size_t k = iov[i].len - at < PAGE_SIZE ? iov[i].len - at : PAGE_SIZE;
			long r;
			if (write)
				r = copy_from_user(bounce, u, k) ? -EFAULT : ramfs_write(rn, bounce, k, offset + (int64_t)done);
			else if ((r = ramfs_read(rn, bounce, k, offset + (int64_t)done)) > 0 && copy_to_user(u, bounce, (size_t)r))
				r = -EFAULT;
			if (r <= 0)
				return done ? (long)done : r;
			done += (size_t)r;
			at += (size_t)r;
			if ((size_t)r < k)
				return (long)done;
		}
	}
	return (long)done;
}

static long tmpfs_readv(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	return transfer(f, iov, n, offset, false);
}

/* O_APPEND writes, pwrite too as on Linux, go to the end; a write at the position moves it there. */
static long tmpfs_writev(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	bool moves = offset < 0;
	if (f->flags & O_APPEND)
		offset = node(f)->size;
	long r = transfer(f, iov, n, offset, true);
	if (moves && r > 0)
		f->pos = offset; /* fd_writev adds what went out */
	return r;
}

static long tmpfs_getdents(struct file *f, void *ubuf, size_t len)
{
	static char dents[32 * 1024] __attribute__((aligned(8)));
	long got = ramfs_getdents(f->handle, dents, len < sizeof(dents) ? len : sizeof(dents));
	if (got > 0 && copy_to_user(ubuf, dents, (size_t)got))
		return -EFAULT;
	/* The directory's position is the handle's: lseek asks for it (telldir). */
	f->pos_unknown = true;
	return got;
}

static long tmpfs_fstat(struct file *f, struct kstat *st)
{
	return ramfs_fstat(f->handle, st);
}

static int64_t tmpfs_tell(struct file *f)
{
	return fileop(f, HC_FILE_TELL, 0, 0, 0);
}

static void tmpfs_release(struct file *f)
{
	ramfs_close(f->handle);
	if (f->path)
		frame_free(virt_to_phys(f->path));
}

static long tmpfs_chmod(struct file *f, unsigned mode)
{
	return fileop(f, HC_FILE_FCHMOD, mode, 0, 0);
}

static long tmpfs_chown(struct file *f, uint32_t owner, uint32_t group)
{
	return fileop(f, HC_FILE_FCHOWN, (uint64_t)owner << 32 | group, 0, 0);
}

static long tmpfs_truncate(struct file *f, int64_t length)
{
	return fileop(f, HC_FILE_FTRUNCATE, (uint64_t)length, 0, 0);
}

static long tmpfs_fallocate(struct file *f, int mode, int64_t offset, int64_t len)
{
	return fileop(f, HC_FILE_FALLOCATE, (uint64_t)mode, (uint64_t)offset, (uint64_t)len);
}

static int64_t tmpfs_llseek(struct file *f, int64_t offset, int whence)
{
	int64_t pos = vfs_seek_target(f, offset, whence);
	/* getdents goes on from the handle's position: move it too (rewinddir, seekdir). */
	if (pos >= 0 && f->type == S_IFDIR)
		return fileop(f, HC_FILE_SEEK, (uint64_t)pos, 0, 0);
	return pos;
}

static long tmpfs_lock(struct file *f, unsigned cmd, struct flock *fl)
{
	static struct flock req; /* the file system takes it by its physical address */
	req = *fl;
	long r = fileop(f, HC_FILE_LOCK, cmd, virt_to_phys(&req), 0);
	*fl = req;
	return r;
}

static long tmpfs_fstatfs(struct file *f, struct statfs *buf)
{
	(void)f;
	tmpfs_statfs(buf);
	return 0;
}

/* Memory is where the data stays: nothing to write out. */
static long tmpfs_sync(struct file *f, int op)
{
	(void)f;
	(void)op;
	return 0;
}

static uint64_t tmpfs_frame(struct file *f, uint64_t offset)
{
	uint64_t pa = ramfs_frame(node(f), offset / PAGE_SIZE);
	return pa && frame_share(pa) ? pa : 0;
}

const struct file_ops tmpfs_ops = {
	.readv = tmpfs_readv,
	.writev = tmpfs_writev,
	.getdents = tmpfs_getdents,
	.fstat = tmpfs_fstat,
	.tell = tmpfs_tell,
	.release = tmpfs_release,
	.chmod = tmpfs_chmod,
	.chown = tmpfs_chown,
	.truncate = tmpfs_truncate,
	.fallocate = tmpfs_fallocate,
	.llseek = tmpfs_llseek,
	.lock = tmpfs_lock,
	.statfs = tmpfs_fstatfs,
	.sync = tmpfs_sync,
	.frame = tmpfs_frame,
};
