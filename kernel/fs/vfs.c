/*
 * The calls on open files beyond reading and writing, dispatched on the
 * file's ops. The kernel's own files (pipes, sockets, eventfd and the like)
 * mostly lack them; what Linux answers for those depends on the kind, which
 * their fstat tells.
 */
#include "fd.h"
#include "kernel/kernel.h"
#include "kernel/mm/uaccess.h"
#include "kernel/uapi.h"
#include "kstat.h"
#include "vfs.h"

long vfs_identify(struct file *f)
{
	struct kstat st;
	if (f->identified)
		return 0;
	long r = f->ops->fstat ? f->ops->fstat(f, &st) : -EINVAL;
	if (r)
		return r;
	f->dev = st.dev;
	f->ino = st.ino;
	f->identified = true;
	return 0;
}

long vfs_read_kernel(struct file *f, void *buf, size_t len, int64_t offset)
{
	struct kiovec iov = { buf, len };
	uaccess_kernel_begin(buf, len);
	long n = f->ops->readv ? f->ops->readv(f, &iov, 1, offset) : -EINVAL;
	uaccess_kernel_end();
	return n;
}

unsigned vfs_file_type(struct file *f)
{
	struct kstat st;
	return f->ops->fstat && f->ops->fstat(f, &st) == 0 ? st.mode & S_IFMT : 0;
}

static uint32_t file_owner(struct file *f)
{
	struct kstat st;
	return f->ops->fstat && f->ops->fstat(f, &st) == 0 ? st.uid : 0;
}

static bool in_group(uint32_t gid)
{
	if (gid == boot->egid)
		return true;
	for (uint32_t i = 0; i < boot->ngroups && i < BOOT_GROUPS_MAX; i++)
		if (boot->groups[i] == gid)
			return true;
	return false;
}

/*
 * The kernel keeps no mode or owner for its own files: Linux's permission
 * check decides, then nothing changes. Anonymous inodes refuse any change.
 */
long vfs_fchmod(struct file *f, unsigned mode)
{
	if (f->ops->chmod)
		return f->ops->chmod(f, mode & 07777);
	if (!vfs_file_type(f))
		return -EOPNOTSUPP;
	return boot->euid == 0 || boot->euid == file_owner(f) ? 0 : -EPERM;
}

long vfs_fchown(struct file *f, uint32_t owner, uint32_t group)
{
	if (f->ops->chown)
		return f->ops->chown(f, owner, group);
	if (!vfs_file_type(f))
		return -EOPNOTSUPP;
	/* Only root gives a file away; its owner may pick any of its groups. */
	bool own = boot->euid == file_owner(f);
	bool uid_ok = owner == (uint32_t)-1 || (own && owner == file_owner(f));
	bool gid_ok = group == (uint32_t)-1 || (own && in_group(group));
	return boot->euid == 0 || (uid_ok && gid_ok) ? 0 : -EPERM;
}

long vfs_ftruncate(struct file *f, int64_t length)
{
	if (length < 0 || (f->flags & O_ACCMODE) == O_RDONLY)
		return -EINVAL;
	return f->ops->truncate ? f->ops->truncate(f, length) : -EINVAL; /* not a regular file */
}

long vfs_fallocate(struct file *f, int mode, int64_t offset, int64_t len)
{
	if (offset < 0 || len <= 0)
		return -EINVAL;
	if ((f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (f->ops->fallocate)
		return f->ops->fallocate(f, mode, offset, len);
	unsigned type = vfs_file_type(f);
	return type == S_IFIFO ? -ESPIPE : type == S_IFDIR ? -EISDIR : -ENODEV;
}

#define DIRENT_NAME 19 /* d_ino, d_off, d_reclen, d_type */
#define DIRENT_NAME_MAX 32 /* the kernel's own names are short */

int vfs_dirent(void *ubuf, size_t len, size_t *done, uint64_t ino, int64_t next, unsigned char type, const char *name)
{
	char rec[DIRENT_NAME + DIRENT_NAME_MAX] __attribute__((aligned(8))) = { 0 };
	size_t n = strlen(name) < DIRENT_NAME_MAX - 1 ? strlen(name) : DIRENT_NAME_MAX - 1;
	uint16_t reclen = (uint16_t)((DIRENT_NAME + n + 1 + 7) & ~7);
	if (*done + reclen > len)
		return 0;
	memcpy(rec, &ino, 8);
	memcpy(rec + 8, &next, 8);
	memcpy(rec + 16, &reclen, 2);
	rec[18] = (char)type;
	memcpy(rec + DIRENT_NAME, name, n);
	if (copy_to_user((char *)ubuf + *done, rec, reclen))
		return -EFAULT;
	*done += reclen;
	return 1;
}

int64_t vfs_seek_target(struct file *f, int64_t offset, int whence)
{
	int64_t base;
	struct kstat st;
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = file_pos(f);
		break;
	case SEEK_END: {
		long err = f->ops->fstat ? f->ops->fstat(f, &st) : -EINVAL;
		if (err)
			return err;
		base = st.size;
		break;
	}
	default:
		return -EINVAL;
	}
	if ((offset > 0 && base > INT64_MAX - offset) || base + offset < 0)
		return -EINVAL;
	return base + offset;
}

int64_t vfs_lseek(struct file *f, int64_t offset, int whence)
{
	int64_t pos;
	if (f->ops->llseek)
		pos = f->ops->llseek(f, offset, whence);
	else if (f->stream)
		pos = vfs_file_type(f) ? -ESPIPE : 0; /* Linux's noop_llseek for anonymous inodes */
	else
		pos = vfs_seek_target(f, offset, whence);
	if (pos >= 0) {
		f->pos = pos;
		f->pos_unknown = false;
	}
	return pos;
}

long vfs_sync(struct file *f, int op)
{
	return f->ops->sync ? f->ops->sync(f, op) : -EINVAL;
}

void vfs_pseudo_statfs(struct statfs *buf, long magic, long flags)
{
	*buf = (struct statfs){ .f_type = magic, .f_bsize = PAGE_SIZE, .f_namelen = NAME_MAX,
				.f_frsize = PAGE_SIZE, .f_flags = ST_VALID | flags };
}

long vfs_fstatfs(struct file *f, struct statfs *buf)
{
	if (f->ops->statfs)
		return f->ops->statfs(f, buf);
	unsigned type = vfs_file_type(f);
	vfs_pseudo_statfs(buf, type == S_IFIFO ? PIPEFS_MAGIC : type == S_IFSOCK ? SOCKFS_MAGIC : ANON_INODE_FS_MAGIC, 0);
	return 0;
}

long vfs_copy_range(struct file *in, int64_t in_offset, struct file *out, int64_t out_offset, size_t len)
{
	return in->ops->copy_range ? in->ops->copy_range(in, in_offset, out, out_offset, len) : -EINVAL;
}
