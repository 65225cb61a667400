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
	bool ro;
};

/*
 * The mount holding a guest path (the longest match) and the path relative to
 * it, or NULL. The path comes from guest memory: it is copied and checked here.
 */
struct mount *resolve(struct guest *g, uint64_t gpa, uint64_t len, char *rel, int64_t *err);
/* openat2 strictly beneath the mount; escapes look like a missing path. */
int open_beneath(const struct mount *m, const char *rel, int flags, unsigned mode);
/*
 * Open the directory holding a path's last component, beneath the mount, and
 * return that component ("." for the mount's root); -EROFS for a write on a
 * read-only mount. A name in the mount's top directory needs no opening: the
 * mount's own descriptor is returned (put_parent leaves it open).
 */
int open_parent(struct guest *g, uint64_t gpa, uint64_t len, bool write, char *name, int64_t *err);
/* Close what open_parent opened. */
void put_parent(int fd);

#endif
