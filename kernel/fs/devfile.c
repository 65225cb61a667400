/* The memory devices every program may open: /dev/null, /dev/zero, /dev/full, /dev/random, /dev/urandom. */
#include "devfile.h"
#include "drivers/monitor/hypercall.h"
#include "fd.h"
#include "kernel/kernel.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/vm.h"
#include "kernel/uapi.h"
#include "kstat.h"
#include "vfs.h"

#define MEM_MAJOR 1
#define MINOR_NULL 3
#define MINOR_ZERO 5
#define MINOR_FULL 7
#define MINOR_RANDOM 8
#define MINOR_URANDOM 9

static const struct {
	const char *path;
	unsigned minor;
} devices[] = {
	{ "/dev/null", MINOR_NULL },     { "/dev/zero", MINOR_ZERO },       { "/dev/full", MINOR_FULL },
	{ "/dev/random", MINOR_RANDOM }, { "/dev/urandom", MINOR_URANDOM },
};

static const struct dev_paths *drivers[DEV_PATHS_MAX];

void devfile_add_paths(const struct dev_paths *d)
{
	for (unsigned i = 0; i < DEV_PATHS_MAX; i++)
		if (!drivers[i]) {
			drivers[i] = d;
			return;
		}
	panic("more than %d device drivers", DEV_PATHS_MAX);
}

const struct dev_paths *devfile_paths(const char *path, int *kind)
{
	for (unsigned i = 0; i < DEV_PATHS_MAX && drivers[i]; i++)
		if ((*kind = drivers[i]->kind(path)) != DEV_NOT_MINE)
			return drivers[i];
	return 0;
}

long devfile_random(void *ubuf, size_t len)
{
	static uint8_t random[4096];
	for (size_t done = 0; done < len;) {
		size_t k = len - done < sizeof(random) ? len - done : sizeof(random);
		struct hc_buf req = { .buf = virt_to_phys(random), .len = k };
		hypercall(HC_RANDOM, &req);
		if (req.ret < 0)
			return done ? (long)done : req.ret;
		if (copy_to_user((uint8_t *)ubuf + done, random, k))
			return done ? (long)done : -EFAULT;
		done += k;
	}
	return (long)len;
}

static long dev_readv(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	(void)offset;
	long done = 0;
	if (f->handle == MINOR_NULL)
		return 0; /* end of file */
	for (int i = 0; i < n; i++) {
		long got = (long)iov[i].len;
		if (f->handle == MINOR_RANDOM || f->handle == MINOR_URANDOM)
			got = devfile_random(iov[i].base, iov[i].len);
		else if (vm_check((uint64_t)iov[i].base, iov[i].len, PAGE_WRITE))
			memset(iov[i].base, 0, iov[i].len);
		else
			got = -EFAULT;
		if (got < 0)
			return done ? done : got;
		done += got;
		if ((size_t)got < iov[i].len)
			break;
	}
	return done;
}

static long dev_writev(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	(void)offset;
	long total = 0;
	for (int i = 0; i < n; i++)
		total += (long)iov[i].len;
	return f->handle == MINOR_FULL && total ? -ENOSPC : total;
}

void devfile_stat(unsigned minor, struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	st->dev = 5;
	st->ino = minor;
	st->nlink = 1;
	st->mode = S_IFCHR | 0666;
	st->rdev = (MEM_MAJOR << 8) | minor;
	st->blksize = 4096;
}

static long dev_fstat(struct file *f, struct kstat *st)
{
	devfile_stat((unsigned)f->handle, st);
	return 0;
}

/* Linux's null_lseek and noop_llseek: the position stays 0. */
static int64_t dev_llseek(struct file *f, int64_t offset, int whence)
{
	(void)f, (void)offset, (void)whence;
	return 0;
}

/* devtmpfs, mounted on /dev */
static long dev_statfs(struct file *f, struct statfs *buf)
{
	(void)f;
	vfs_pseudo_statfs(buf, TMPFS_MAGIC, ST_RELATIME);
	return 0;
}

static const struct file_ops devfile_ops = {
	.readv = dev_readv,
	.writev = dev_writev,
	.fstat = dev_fstat,
	.llseek = dev_llseek,
	.statfs = dev_statfs,
};

const char *devfile_name(const struct file *f)
{
	for (unsigned i = 0; f->ops == &devfile_ops && i < ARRAY_SIZE(devices); i++)
		if (devices[i].minor == (unsigned)f->handle)
			return devices[i].path;
	return 0;
}

bool devfile_is_zero(const struct file *f)
{
	return f->ops == &devfile_ops && f->handle == MINOR_ZERO;
}

int devfile_minor(const char *path)
{
	for (unsigned i = 0; i < ARRAY_SIZE(devices); i++)
		if (strcmp(path, devices[i].path) == 0)
			return (int)devices[i].minor;
	return -1;
}

struct file *devfile_open(int minor, int flags)
{
	struct file *f = file_alloc();
	if (f)
		*f = (struct file){ .ops = &devfile_ops, .refs = 1, .handle = minor, .flags = flags, .stream = true };
	return f;
}
