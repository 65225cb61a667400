/* Host files through hypercalls, by the monitor's handles; buffers are kernel memory. */
#ifndef DRIVERS_HOSTFILE_H
#define DRIVERS_HOSTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cocoon/hypercall.h"

#define HOSTFILE_NO_OFFSET (-1) /* a stream, or O_APPEND: the handle's own position */
#define HOSTFILE_WB_SIZE (1024 * 1024) /* the write-behind buffer */

/*
 * Every file hypercall goes through hostfile_call, which sends pending work
 * first in the same exit: writes held back and closes put off. Whatever
 * observes or changes host files therefore sees them in program order.
 */
void hostfile_call(enum hc_number nr, void *req);

/* Results are bytes, a handle, 0, or -errno. */
long hostfile_getdents(int handle, void *buf, size_t len);
long hostfile_fstat(int handle, void *statbuf);
long hostfile_ioctl(int handle, unsigned cmd, void *arg);
/*
 * *type gets the file's S_IFMT bits; a readable regular file's start is read ahead.
 * *copy in: HC_OPEN_LIBRARY or HC_OPEN_PROGRAM to ask for the file's rewritten copy, else
 * HC_OPEN_FILE; out: 1 if the handle is that copy, else 0.
 */
long hostfile_open(const char *path, int flags, unsigned mode, unsigned *type, unsigned *copy);
/*
 * Close; put off until the next hypercall if later allows, no data is held
 * for it and the program never took a lock (closing may release one).
 */
long hostfile_close(int handle, bool later);
/* The program took a lock: closes are done at once from now on. */
void hostfile_lock_taken(void);
/* The handle's poll(2) revents for events, at once. */
long hostfile_poll(int handle, unsigned events);
long hostfile_stat(const char *path, void *statbuf, int nofollow);
long hostfile_readlink(const char *path, char *buf, size_t len);
/* statfs of a canonical path, or of the handle if path is NULL. */
long hostfile_statfs(const char *path, int handle, void *buf);
/* sendfile/copy_file_range between handles (out_offset -1: out's own position). */
long hostfile_copy(int in, int out, int64_t in_offset, int64_t out_offset, size_t len);
/* One of HC_FILEOPS on a handle. */
long hostfile_fileop(int handle, int op, uint64_t arg);
/* The same with FALLOCATE's and LOCK's further arguments. */
long hostfile_fileop3(int handle, int op, uint64_t arg, uint64_t arg2, uint64_t arg3);
/* One of HC_PATHOPS on canonical paths (path2 may be NULL). */
long hostfile_pathop(int op, const char *path, const char *path2, uint64_t arg);

/* Read or write guest physical pieces directly (READV/WRITEV): bytes or -errno. */
long hostfile_transfer(bool write, int handle, const struct hc_seg *seg, uint32_t nseg, int64_t offset);

/*
 * Read-ahead of regular files: point *data at the cached bytes of handle at
 * offset, fetching a window if need be (larger while reads are sequential).
 * Returns how many are there (at most want), 0 at end of file, or -errno.
 */
long hostfile_cached(int handle, int64_t offset, size_t want, const char **data);
/* Are the bytes at offset in the read-ahead window? */
bool hostfile_in_window(int handle, int64_t offset);
/* Read hypercalls made so far (window fetches and direct reads), for /proc/vmstat. */
uint64_t hostfile_reads(void);

/*
 * Write-behind of regular files: room for len (at most HOSTFILE_WB_SIZE)
 * bytes to go to handle at offset (-1: its end, O_APPEND), after the data
 * held already if it ends there, else after writing that out. Copy the
 * bytes in, then commit how many were copied.
 */
char *hostfile_wb_room(int handle, int64_t offset, size_t len);
void hostfile_wb_commit(size_t len);
/* Write out held data now if it is handle's (any handle's if handle < 0). */
void hostfile_wb_flush(int handle);
/* The error the last write-out for handle met, cleared: 0 or -errno. */
long hostfile_wb_error(int handle);

#endif
