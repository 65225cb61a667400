/*
 * The guest's mount table: the monitor's host directories (--mount, --tmp)
 * and the kernel's own tmpfs mounts at /tmp and /dev/shm. A path belongs to
 * the mount with the longest prefix of it, as on Linux.
 */
#ifndef KERNEL_MOUNT_H
#define KERNEL_MOUNT_H

#include <stdbool.h>
#include <stddef.h>

struct mount {
	const char *path; /* canonical guest path */
	size_t len;
	bool ro;
	bool tmpfs; /* in guest memory (kernel/fs/tmpfs.c); else the monitor's */
};

/* Read the monitor's mounts, then add the tmpfs ones no host directory covers exactly. */
void mount_init(void);
/* The mount a canonical path is in, or 0 (the kernel's root, outside every mount). */
const struct mount *mount_of(const char *path);
/* Is the canonical path in a tmpfs mount? */
bool mount_in_tmpfs(const char *path);
/* The i-th mount, in the order /proc/mounts lists them, or 0 past the last. */
const struct mount *mount_at(int i);

#endif
