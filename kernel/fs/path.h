/* Paths: the working directory, and turning the program's paths into canonical guest paths. */
#ifndef KERNEL_PATH_H
#define KERNEL_PATH_H

#include <stddef.h>

#define PATH_MAX 4096

/*
 * Copy the program's path and make it absolute (relative to dirfd, or to the
 * working directory for AT_FDCWD) and canonical: no "//", "." or "..".
 * Returns its length, or -errno (an empty path is -ENOENT unless empty_ok).
 */
long path_get(int dirfd, const char *upath, char *out, int empty_ok);

const char *path_cwd(void);
void path_set_cwd(const char *path);

/* readlink(2) of a canonical path: bytes written or -errno. */
long path_readlink(const char *path, char *ubuf, long size);

#endif
