/* Files of the kernel's own objects (eventfd, epoll, timerfd, signalfd): no path, a slot each. */
#ifndef KERNEL_ANONFILE_H
#define KERNEL_ANONFILE_H

#include "fd.h"

/*
 * The lowest free descriptor for the object in slot (the file's handle),
 * read-write, O_NONBLOCK and O_CLOEXEC from flags; or -ENFILE/-EMFILE, and
 * then the slot is released through ops.
 */
int anon_open(const struct file_ops *ops, int slot, int flags);
/* fstat of any of them: like Linux, they share one anonymous inode. */
long anon_fstat(struct file *f, struct kstat *st);

#endif
