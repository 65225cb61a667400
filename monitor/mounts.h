/* The mounts, as the file hypercalls use them: guest paths to host files beneath a mount. */
#ifndef MONITOR_MOUNTS_H
#define MONITOR_MOUNTS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "guest.h"

struct mount {
	int dirfd;
	char guest[PATH_MAX]; /* absolute, normalized, "/" or without a trailing slash */
	size_t guest_len;
	char host[PATH_MAX]; /* the directory's real path on the host */
	bool ro;
	bool ro_inside; /* a read-only mount's directory lies beneath this writable one's */
};

/*
 * The mount holding a guest path (the longest match) and the path relative to
 * it, or NULL. The path comes from guest memory: it is copied and checked here.
 */
struct mount *resolve(struct guest *g, uint64_t gpa, uint64_t len, char *rel, int64_t *err);
/* openat2 strictly beneath the mount; escapes look like a missing path. */
int open_beneath(const struct mount *m, const char *rel, int flags, unsigned mode);
/*
 * A path (rel beneath *m) that meets a symlink leaving its mount (an absolute
 * one, as library directories have, or ".." past the mount's top), which
 * openat2 refuses beneath the mount: followed instead in the guest's own
 * namespace, a component at a time, each one looked at beneath its own
 * mount, so nothing outside the mounts is reached. The final component is
 * followed only with follow. 0 with *m and rel naming the file, or -errno.
 */
int relink(struct mount **m, char *rel, bool follow);
/*
 * open_beneath, and where a symlink on the way leaves the mount, the path as
 * relink follows it; a call that writes (write) is checked again where it
 * then leads. *m becomes the mount the file is in. -1 with errno on failure.
 */
int open_guest(struct mount **m, char *rel, int flags, unsigned mode, bool write);
/*
 * Is the host file open as fd (found through m) read-only, because it lies in
 * a read-only mount's directory? A symlink in a writable mount can lead there.
 */
bool lands_read_only(const struct mount *m, int fd);
/*
 * May the guest change rel (relative to m, its last component followed or
 * not)? 0 or -EROFS: on a read-only mount, or where the path leads into one.
 */
int64_t write_check(const struct mount *m, const char *rel, bool follow);
/*
 * Open the directory holding a path's last component, beneath the mount, and
 * return that component ("." for the mount's root); -EROFS for a write on a
 * read-only mount or that leads into one (write_check, with follow). A name in
 * the mount's top directory needs no opening: the mount's own descriptor is
 * returned (put_parent leaves it open).
 */
int open_parent(struct guest *g, uint64_t gpa, uint64_t len, bool write, bool follow, char *name, int64_t *err);
/* Close what open_parent opened. */
void put_parent(int fd);

#endif
