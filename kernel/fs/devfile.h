/* The kernel's own device files, found by path before the mounts. */
#ifndef KERNEL_DEVFILE_H
#define KERNEL_DEVFILE_H

#include "fd.h"

/* The minor number of a memory device's canonical path, or -1. */
int devfile_minor(const char *path);
struct file *devfile_open(int minor, int flags); /* NULL when out of files */
/* Is f /dev/zero? Mapping it gives anonymous memory. */
bool devfile_is_zero(const struct file *f);
/*
 * Device files a driver above the file system answers for (kernel/tty/pty.c: /dev/ptmx,
 * /dev/pts, /dev/tty), found by path before the mounts: kind says which of its paths a path
 * is (DEV_NOT_MINE: none), open and stat take that kind.
 */
#define DEV_NOT_MINE (-1)
struct kstat;
struct dev_paths {
	int (*kind)(const char *path);
	long (*open)(int kind, int flags);
	long (*stat)(int kind, struct kstat *st);
};
/* At boot: one more driver (up to DEV_PATHS_MAX). */
#define DEV_PATHS_MAX 4
void devfile_add_paths(const struct dev_paths *d);
/* The driver whose path this is, and its kind in *kind; 0 if none. */
const struct dev_paths *devfile_paths(const char *path, int *kind);
/* f's path if it is one of these devices, else 0. */
const char *devfile_name(const struct file *f);
void devfile_stat(unsigned minor, struct kstat *st);
/* Fill the program's buffer from the random device (getrandom): bytes or -errno. */
long devfile_random(void *ubuf, size_t len);

#endif
