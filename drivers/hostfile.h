/* Host files through hypercalls, by the monitor's handles; buffers are kernel memory. */
#ifndef DRIVERS_HOSTFILE_H
#define DRIVERS_HOSTFILE_H

#include <stddef.h>
#include <stdint.h>

#define HOSTFILE_NO_OFFSET (-1) /* a stream, or O_APPEND: the handle's own position */

/* Results are bytes, a handle, 0, or -errno. */
long hostfile_read(int handle, void *buf, size_t len, int64_t offset);
long hostfile_write(int handle, const void *buf, size_t len, int64_t offset);
long hostfile_getdents(int handle, void *buf, size_t len);
long hostfile_fstat(int handle, void *statbuf);
long hostfile_ioctl(int handle, unsigned cmd, void *arg);
/* The handle's poll(2) revents for events, at once. */
long hostfile_poll(int handle, unsigned events);
long hostfile_open(const char *path, int flags, unsigned mode);
long hostfile_close(int handle);
long hostfile_stat(const char *path, void *statbuf, int nofollow);
long hostfile_readlink(const char *path, char *buf, size_t len);
/* statfs of a canonical path, or of the handle if path is NULL. */
long hostfile_statfs(const char *path, int handle, void *buf);
/* sendfile/copy_file_range between handles (out_offset -1: out's own position). */
long hostfile_copy(int in, int out, int64_t in_offset, int64_t out_offset, size_t len);
/* One of HC_FILEOPS on a handle. */
long hostfile_fileop(int handle, int op, uint64_t arg);
/* One of HC_PATHOPS on canonical paths (path2 may be NULL). */
long hostfile_pathop(int op, const char *path, const char *path2, uint64_t arg);

#endif
