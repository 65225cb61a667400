/* /proc and /proc/PID as directories that list what they hold. */
#ifndef KERNEL_PROCDIR_H
#define KERNEL_PROCDIR_H

#include <stdbool.h>

struct file;

/* Is a canonical path /proc, /proc/self, /proc/thread-self or /proc/PID of a process that exists? */
bool procdir_path(const char *path);
/*
 * readlink(2) of /proc's links: /proc/self and /proc/thread-self (the caller's ids), and
 * /proc/PID/exe and /proc/PID/cwd of any process (EACCES for another user's, ENOENT for a
 * zombie's). True if path is one, with its length or -errno in *len and the target in buf.
 */
bool procdir_link(const char *path, char *buf, size_t size, long *len);
/* The directory for getdents; path is a frame the file keeps. NULL when out of files (path freed). */
struct file *procdir_open(char *path, int flags);

#endif
