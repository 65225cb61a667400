/* Files of the kernel's own objects: descriptors and their shared inode. */
#include "anonfile.h"
#include "kernel/kernel.h"
#include "kernel/uapi.h"
#include "kstat.h"

#define ANON_DEV 0xe
#define ANON_INO 2000

int anon_open(const struct file_ops *ops, int slot, int flags)
{
	struct file *f = file_alloc();
	if (!f) {
		struct file none = { .ops = ops, .handle = slot };
		ops->release(&none);
		return -ENFILE;
	}
	*f = (struct file){ .ops = ops, .refs = 1, .handle = slot, .flags = O_RDWR | (flags & O_NONBLOCK),
			    .stream = true };
	return fd_install(f, flags & O_CLOEXEC);
}

long anon_fstat(struct file *f, struct kstat *st)
{
	(void)f;
	memset(st, 0, sizeof(*st));
	st->dev = ANON_DEV;
	st->ino = ANON_INO;
	st->nlink = 1;
	st->mode = 0600;
	st->uid = boot->uid;
	st->gid = boot->gid;
	st->blksize = PAGE_SIZE;
	return 0;
}
