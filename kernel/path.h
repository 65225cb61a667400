/* Paths the kernel answers itself, before any file system. */
#ifndef KERNEL_PATH_H
#define KERNEL_PATH_H

#include <stddef.h>

/* readlink(2) of a path copied from the application: bytes written or -errno. */
long path_readlink(const char *path, char *ubuf, long size);

#endif
