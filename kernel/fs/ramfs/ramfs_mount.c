/*
 * Mounts for the in-memory file system: where archive members go, and which
 * paths are read-only, as uhyve-run's --mount HOST:GUEST[:ro] says (the
 * archive holds the host's directories under their host paths), and the
 * kernel's tmpfs mounts, which take no archive members.
 */
#include <asm-generic/errno.h>

#include "ramfs.h"
#include "kernel/kernel.h"
#include "kernel/fs/path.h"

#define MOUNT_MAX 16

struct mount {
	const char *host, *guest;
	size_t host_len, guest_len;
	bool ro;
};

static struct mount mounts[MOUNT_MAX];
static int nmounts;

void ramfs_mount(const char *host, const char *guest, bool ro)
{
	if (nmounts == MOUNT_MAX)
		panic("at most %d mounts", MOUNT_MAX);
	if ((host && host[0] != '/') || guest[0] != '/')
		panic("mount=%s:%s: paths must be absolute", host ? host : "", guest);
	mounts[nmounts++] = (struct mount){ host, guest, host ? strlen(host) : 0, strlen(guest), ro };
}

/* Is path (len bytes) prefix or below it? "/" holds everything. */
static bool below(const char *path, size_t len, const char *prefix, size_t plen)
{
	if (plen == 1)
		return true;
	return len >= plen && memcmp(path, prefix, plen) == 0 && (len == plen || path[plen] == '/');
}

/* The mount with the longest guest prefix of path, or -1. */
static int mount_of(const char *path, size_t len)
{
	int best = -1;
	for (int i = 0; i < nmounts; i++)
		if (below(path, len, mounts[i].guest, mounts[i].guest_len) &&
		    (best < 0 || mounts[i].guest_len > mounts[best].guest_len))
			best = i;
	return best;
}

bool ramfs_read_only(const char *path, size_t len)
{
	int m = mount_of(path, len);
	return m >= 0 && mounts[m].ro;
}

bool ramfs_visible(const char *path, size_t len)
{
	return mount_of(path, len) >= 0;
}

long ramfs_mount_path(const char *name, size_t len, char *out)
{
	if (len + 2 > PATH_MAX)
		return -ENAMETOOLONG;
	char full[PATH_MAX];
	full[0] = '/';
	memcpy(full + 1, name, len);
	full[len + 1] = 0;
	int best = -1;
	for (int i = 0; i < nmounts; i++)
		if (mounts[i].host && below(full, len + 1, mounts[i].host, mounts[i].host_len) &&
		    (best < 0 || mounts[i].host_len > mounts[best].host_len))
			best = i;
	if (best < 0) {
		memcpy(out, full, len + 2);
		return 0;
	}
	const char *rest = full + (mounts[best].host_len == 1 ? 0 : mounts[best].host_len);
	const char *guest = mounts[best].guest_len == 1 && *rest ? "" : mounts[best].guest;
	if (strlen(guest) + strlen(rest) >= PATH_MAX)
		return -ENAMETOOLONG;
	ksnprintf(out, PATH_MAX, "%s%s", guest, rest);
	return 0;
}
