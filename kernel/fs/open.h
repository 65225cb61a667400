/* Opening and looking up files by the program's paths. */
#ifndef KERNEL_OPEN_H
#define KERNEL_OPEN_H

#include <stdint.h>

/* openat(2): a new descriptor or -errno. The program's loader opening a library gets its rewritten copy, if any. */
long file_open(int dirfd, const char *upath, int flags, unsigned mode);
/* The same for the kernel's own use; kind: HC_OPEN_LIBRARY or _PROGRAM to ask for a rewritten copy (struct hc_open). */
long file_open_as(int dirfd, const char *upath, int flags, unsigned mode, unsigned kind);
struct kstat;
/* fstatat(2) flags: AT_EMPTY_PATH, AT_SYMLINK_NOFOLLOW, AT_NO_AUTOMOUNT. */
long file_stat(int dirfd, const char *upath, struct kstat *st, int flags);
/*
 * A change to the tree (HC_PATH_*): upath relative to dirfd, and upath2
 * relative to dirfd2 (for SYMLINK, upath2 is the literal target).
 */
long file_pathop(int op, int dirfd, const char *upath, int dirfd2, const char *upath2, uint64_t arg);

/*
 * mknodat(2): a FIFO or socket node in the kernel's tmpfs (EPERM elsewhere), or an empty
 * regular file anywhere; device nodes are EPERM.
 */
long file_mknod(int dirfd, const char *upath, unsigned mode, unsigned dev);

/* utimensat(2): utimes is two timespecs (a kernel copy) or NULL for now. */
long file_utimens(int dirfd, const char *upath, const int64_t *utimes, int flags);

/* Set the file mode creation mask; returns the old one. */
unsigned file_umask(unsigned mask);

struct statfs;
/* statfs(2) of the program's path. */
long file_statfs(const char *upath, struct statfs *buf);

/* Is the canonical path a directory? 0, -ENOTDIR or another -errno. */
long file_is_dir(const char *path);

#endif
