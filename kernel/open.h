/* Opening and looking up files by the program's paths. */
#ifndef KERNEL_OPEN_H
#define KERNEL_OPEN_H

/* openat(2): a new descriptor or -errno. */
long file_open(int dirfd, const char *upath, int flags, unsigned mode);
/* fstatat(2) into the program's struct stat. */
long file_stat(int dirfd, const char *upath, void *ustat, int flags);
/* Is the canonical path a directory? 0, -ENOTDIR or another -errno. */
long file_is_dir(const char *path);

#endif
