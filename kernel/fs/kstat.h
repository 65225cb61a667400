/* The x86-64 struct stat, as the kernel fills it before copying it out. */
#ifndef KERNEL_KSTAT_H
#define KERNEL_KSTAT_H

#include <stdint.h>

struct kstat {
	uint64_t dev, ino, nlink;
	uint32_t mode, uid, gid, pad;
	uint64_t rdev;
	int64_t size, blksize, blocks;
	int64_t atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec;
	int64_t reserved[3];
};

_Static_assert(sizeof(struct kstat) == 144, "struct stat on x86-64");

#endif
