/* The kernel's own device files, found by path before the mounts. */
#ifndef KERNEL_DEVFILE_H
#define KERNEL_DEVFILE_H

#include "fd.h"

/* The minor number of a memory device's canonical path, or -1. */
int devfile_minor(const char *path);
struct file *devfile_open(int minor, int flags); /* NULL when out of files */
/* Is f /dev/zero? Mapping it gives anonymous memory. */
bool devfile_is_zero(const struct file *f);
/* f's path if it is one of these devices, else 0. */
const char *devfile_name(const struct file *f);
struct kstat;
void devfile_stat(unsigned minor, struct kstat *st);
/* Fill the program's buffer from the random device (getrandom): bytes or -errno. */
long devfile_random(void *ubuf, size_t len);

#endif
