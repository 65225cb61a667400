/* Generated /proc files, found by path before the mounts. */
#ifndef KERNEL_PROCFILE_H
#define KERNEL_PROCFILE_H

#include <stdbool.h>

#include "fd.h"

struct kstat;
/* Which /proc file a canonical path is (its entry, and the pid of a /proc/PID file, in one number), or -1. */
int procfile_index(const char *path);
/* May the caller read it? Not another user's maps, environ or auxv (EACCES). */
bool procfile_may_open(int index);
/* The path of table entry i ("/proc/meminfo", "/proc/self/stat"...), for listings; 0 past the last. */
const char *procfile_name(unsigned i);
struct file *procfile_open(int index, int flags); /* NULL when out of memory or files */
void procfile_stat(int index, struct kstat *st);

#endif
