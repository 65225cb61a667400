/*
 * tmpfs: the private /tmp and /dev/shm in guest memory, kept by the
 * in-memory file system (kernel/fs/ramfs/) and gone when the machine stops.
 * Paths are canonical guest paths in a tmpfs mount (kernel/fs/mount.h).
 */
#ifndef KERNEL_TMPFS_H
#define KERNEL_TMPFS_H

#include <stdbool.h>
#include <stdint.h>

struct kstat;
struct statfs;

/* Make the mount's directory (mode 1777, root's) and let paths below it be seen. */
void tmpfs_mount(const char *path);
/* Make the directory path with mode, and those above it (0755), where there are none: root's. */
void tmpfs_make_path(const char *path, uint32_t mode);
/* open(2) of path, a frame the open file keeps: a descriptor, or -errno (the frame freed). */
long tmpfs_open(char *path, int flags, unsigned mode, bool cloexec);
long tmpfs_stat(const char *path, struct kstat *st, bool nofollow);
/* mknod(2) of a FIFO, socket or regular file (mode holds the type, the umask applied). */
long tmpfs_mknod(const char *path, uint32_t mode);
long tmpfs_readlink(const char *path, char *buf, size_t size);
/* An HC_PATH_* operation as the monitor's (path2 in the same mount, or a symlink's target). */
long tmpfs_pathop(int op, const char *path, const char *path2, uint64_t arg);
void tmpfs_statfs(struct statfs *buf);

#endif
