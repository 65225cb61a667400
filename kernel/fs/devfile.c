/* The memory devices every program may open: /dev/null, /dev/zero, /dev/full, /dev/random, /dev/urandom. */
#include <asm-generic/errno.h>

#include "devfile.h"
#include "drivers/monitor/hypercall.h"
#include "fd.h"
#include "kernel/kernel.h"
#include "kstat.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/vm.h"

#define MEM_MAJOR 1
#define S_IFCHR 0020000

static const struct {
	const char *path;
	unsigned minor;
} devices[] = {
	{ "/dev/null", 3 }, { "/dev/zero", 5 }, { "/dev/full", 7 }, { "/dev/random", 8 }, { "/dev/urandom", 9 },
};


static long dev_readv(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	static uint8_t random[4096];
	(void)offset;
	long done = 0;
	if (f->handle == 3)
		return 0; /* /dev/null: end of file */
	for (int i = 0; i < n; i++) {
		if (!vm_check((uint64_t)iov[i].base, iov[i].len, PAGE_WRITE))
			return done ? done : -EFAULT;
		for (size_t at = 0; at < iov[i].len;) {
			size_t k = iov[i].len - at < sizeof(random) ? iov[i].len - at : sizeof(random);
			if (f->handle == 8 || f->handle == 9) {
				struct hc_buf req = { .buf = virt_to_phys(random), .len = k };
				hypercall(HC_RANDOM, &req);
				if (req.ret < 0)
					return done ? done : req.ret;
				memcpy((uint8_t *)iov[i].base + at, random, k);
			} else {
				memset((uint8_t *)iov[i].base + at, 0, k);
			}
			at += k;
			done += (long)k;
		}
	}
	return done;
}

static long dev_writev(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	(void)offset;
	long total = 0;
	for (int i = 0; i < n; i++)
		total += (long)iov[i].len;
	return f->handle == 7 && total ? -ENOSPC : total;
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

static const struct file_ops devfile_ops = {
	.readv = dev_readv,
	.writev = dev_writev,
	.fstat = dev_fstat,
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
	return f->ops == &devfile_ops && f->handle == 5;
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
