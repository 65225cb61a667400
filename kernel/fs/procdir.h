/* /proc and /proc/PID as directories that list what they hold. */
#ifndef KERNEL_PROCDIR_H
#define KERNEL_PROCDIR_H

#include <stdbool.h>

struct file;

/* Is a canonical path /proc, /proc/self, /proc/thread-self or /proc/PID of a process that exists? */
bool procdir_path(const char *path);
/* The directory for getdents; path is a frame the file keeps. NULL when out of files (path freed). */
struct file *procdir_open(char *path, int flags);

#endif
