/* /proc/self/fd: the descriptor table as a directory of symbolic links. */
#ifndef KERNEL_PROCFD_H
#define KERNEL_PROCFD_H

#include <stdbool.h>
#include <stddef.h>

#include "fd.h"

#define PROCFD_DIR (-1)  /* the directory itself */
#define PROCFD_NONE (-2) /* a name in it that is no descriptor number */
#define PROCFD_ABOVE (-3) /* /proc, /proc/self or /proc/PID: directories of procdir.c */

struct kstat;
/* Is a canonical path /proc/self/fd, a name in it or above it? *fd says which (a number or PROCFD_*). */
bool procfd_path(const char *path, int *fd);
/* stat(2) of what procfd_path found: the link itself if nofollow, else the open file; or -errno. */
long procfd_stat(int fd, struct kstat *st, bool nofollow);
/*
 * open(2) of link fd: its file's canonical path into path (PATH_MAX bytes) and
 * its length; PROCFD_SAME when the open names the same file (fd_dup); or -errno.
 */
#define PROCFD_SAME (1L << 32)
long procfd_reopen(int fd, char *path, int flags);
/* readlink(2) of /dev's links into the directory (/dev/fd, /dev/stdin...): into buf, its length; -1 for other paths. */
long procfd_link_target(const char *path, char *buf, size_t size);
/* The directory, for getdents; NULL when all files are in use. */
struct file *procfd_open(int flags);

#endif
