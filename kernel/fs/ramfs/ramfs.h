/*
 * The in-memory file system: a tree of nodes in guest memory, read-write,
 * gone when the machine stops. It holds the kernel's tmpfs mounts (/tmp and
 * /dev/shm, kernel/fs/tmpfs.c) and, when the kernel runs without a monitor,
 * stands in for the monitor's mounts, filled from a newc cpio archive at
 * first use. It answers as the file hypercalls do (ramfs_path.c by path,
 * ramfs_handle.c by handle), as the monitor serves them from host files.
 */
#ifndef KERNEL_RAMFS_H
#define KERNEL_RAMFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cocoon/hypercall.h"
#include "kernel/fs/kstat.h"
#include "kernel/time/time.h"
#include "kernel/uapi.h"

#define MAY_READ 4
#define MAY_WRITE 2
#define MAY_EXEC 1

struct rdirent;

struct rnode {
	uint32_t mode, uid, gid, nlink;
	uint64_t ino;
	int64_t size;
	struct ktimespec atime, mtime, ctime;
	uint32_t opens;          /* handles open on it: it outlives its last link until they close */
	uint64_t pages;          /* regular files: data frames held */
	uint64_t next_cookie;    /* directories: the position the next entry gets */
	struct rnode *parent;    /* directories: the directory holding it (the root: itself) */
	struct rdirent *entries; /* directories */
	const uint8_t *archived; /* regular files: their bytes in the archive, until the first change */
	uint64_t *index;         /* regular files: a page of leaf pages' frames, each a page of data frames */
	char *target;            /* symlinks */
	struct rnode *rewritten; /* regular files: the copy the loader gets (cpio.c), or 0 */
};

/* A directory entry; entries stay in the order they were made, each with a position for getdents. */
struct rdirent {
	struct rdirent *next;
	struct rnode *node;
	uint64_t cookie;
	size_t len;
	char name[];
};

/* The result of a walk: the node, and the directory and entry naming it. */
struct rwalk {
	struct rnode *dir, *node;
	struct rdirent *entry;
	const char *name; /* the last component, len bytes, in buf */
	size_t len;
	char buf[4096];
};

#define RAMFS_FIRST_HANDLE 3 /* 0..2 are the standard streams */

/* The archive (physical address and size; size 0 for none) read at first use. */
void ramfs_set_archive(uint64_t pa, uint64_t size);

/* By path (absolute, canonical; len bytes), as the monitor's file hypercalls: -errno on failure. */
long ramfs_open(const char *path, size_t len, int flags, uint32_t mode); /* a handle */
long ramfs_stat_path(const char *path, size_t len, bool nofollow, struct kstat *st);
/* mknod(2): a FIFO, socket or empty regular file (mode holds the type). */
long ramfs_mknod(const char *path, size_t len, uint32_t mode);
long ramfs_readlink(const char *path, size_t len, char *buf, size_t size);
long ramfs_pathop(const struct hc_pathop *req);
long ramfs_chmod(struct rnode *n, uint32_t mode);
long ramfs_chown(struct rnode *n, uint32_t uid, uint32_t gid);

/* By handle. */
long ramfs_handle_new(struct rnode *n, int flags);
struct rnode *ramfs_handle_node(int32_t h); /* 0 if h is not an open handle */
long ramfs_close(int32_t h);
long ramfs_read_handle(int32_t h, void *buf, size_t len, int64_t offset);
long ramfs_write_handle(int32_t h, const void *buf, size_t len, int64_t offset);
long ramfs_getdents(int32_t h, void *buf, size_t len);
long ramfs_fstat(int32_t h, struct kstat *st);
long ramfs_fileop(const struct hc_fileop *req);

/* struct flock */
struct rflock {
	int16_t type, whence;
	int64_t start, len;
	int32_t pid, pad;
};
_Static_assert(sizeof(struct rflock) == HC_FLOCK_SIZE, "struct flock on x86-64");

/* fcntl's record locks (cmd F_GETLK ... F_OFD_SETLKW) through a handle open on n. */
long ramfs_lock(struct rnode *n, int32_t handle, bool readable, bool writable, uint64_t cmd, struct rflock *fl);
/* Closing handle on n: its OFD locks and the process's POSIX locks on n go. */
void ramfs_unlock_all(const struct rnode *n, int32_t handle);
/*
 * Archive members named HOST or HOST/... go to GUEST instead (uhyve-run's
 * --mount HOST:GUEST); paths under GUEST refuse changes with EROFS if ro.
 * HOST 0: a tmpfs mount, no archive member's. The strings must last.
 */
void ramfs_mount(const char *host, const char *guest, bool ro);
bool ramfs_read_only(const char *path, size_t len);
/* Is the path beneath a mount? Nothing else exists for the program. */
bool ramfs_visible(const char *path, size_t len);
/* Where an archive member's name (without leading "./" or "/") goes; out holds PATH_MAX. */
long ramfs_mount_path(const char *name, size_t len, char *out);

struct rnode *ramfs_root(void);
/*
 * Resolve an absolute path (len bytes), following symlinks on the way and at
 * the end if follow. 0 with w->node set; -ENOENT with w->dir set when only the
 * last component is missing (it may be created); another -errno.
 */
long ramfs_walk(const char *path, size_t len, bool follow, struct rwalk *w);
/* May the program's user read, write or search (MAY_*) the node? */
/* The caller's file system ids, and whether gid is among its groups (ramfs_cred.c). */
uint32_t ramfs_fsuid(void);
uint32_t ramfs_fsgid(void);
bool ramfs_in_group(uint32_t gid);
bool ramfs_may(const struct rnode *n, int want);
bool ramfs_owner(const struct rnode *n);
void ramfs_now(struct ktimespec *ts);

/* A new node, not linked anywhere yet (nlink 0), or 0 when memory is exhausted. */
struct rnode *ramfs_node_new(uint32_t mode);
/* Drop the node if nothing names it and nothing has it open. */
void ramfs_node_put(struct rnode *n);
void ramfs_stat(const struct rnode *n, struct kstat *st);

struct rdirent *ramfs_lookup(const struct rnode *dir, const char *name, size_t len);
/* Link node into dir under name; 0 or -ENOSPC. */
long ramfs_link(struct rnode *dir, const char *name, size_t len, struct rnode *node);
void ramfs_unlink(struct rnode *dir, struct rdirent *e);

/* Regular files' contents; each returns bytes or -errno. */
long ramfs_read(struct rnode *n, void *buf, size_t len, int64_t offset);
long ramfs_write(struct rnode *n, const void *buf, size_t len, int64_t offset);
long ramfs_truncate(struct rnode *n, int64_t size);
/* The frame holding page i of a regular file, made if it is a hole (for MAP_SHARED); 0 if full. */
uint64_t ramfs_frame(struct rnode *n, uint64_t i);
/*
 * Data pages all files hold together, and the most they may: half the guest's
 * memory, as Linux sizes a tmpfs by default. Past it writes give ENOSPC.
 */
uint64_t ramfs_pages_used(void);
uint64_t ramfs_pages_max(void);
/* statfs(2) of the file system: tmpfs, its size and room as above. */
void ramfs_statfs(struct statfs *buf);

/* Fill the tree from a newc cpio archive; 0 or a message saying what is wrong. */
const char *cpio_load(const uint8_t *archive, uint64_t size);

#endif
