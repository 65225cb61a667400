/* Generated /proc files, found by path before the mounts. */
#ifndef KERNEL_PROCFILE_H
#define KERNEL_PROCFILE_H

#include "fd.h"

struct kstat;
/* Which /proc file a canonical path is, or -1. */
int procfile_index(const char *path);
struct file *procfile_open(int index, int flags); /* NULL when out of memory or files */
void procfile_stat(int index, struct kstat *st);

#endif
