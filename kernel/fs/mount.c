/* The guest's mount table: the monitor's mounts from the boot page, then the kernel's tmpfs ones. */
#include "kernel/kernel.h"
#include "mount.h"
#include "tmpfs.h"

#define MOUNT_MAX 32

static struct mount mounts[MOUNT_MAX];
static int nmounts;

static void add(const char *path, bool ro, bool tmpfs)
{
	if (nmounts == MOUNT_MAX)
		panic("at most %d mounts", MOUNT_MAX);
	mounts[nmounts++] = (struct mount){ path, strlen(path), ro, tmpfs };
}

/* Is path the mount's directory or below it? "/" holds everything. */
static bool below(const char *path, const struct mount *m)
{
	return m->len == 1 || (!strncmp(path, m->path, m->len) && (path[m->len] == '/' || !path[m->len]));
}

/* A host directory the user mounted exactly there wins over the private one. */
static void add_tmpfs(const char *path)
{
	for (int i = 0; i < nmounts; i++)
		if (!strcmp(mounts[i].path, path))
			return;
	tmpfs_mount(path);
	add(path, false, true);
}

void mount_init(void)
{
	for (const char *m = phys_to_virt(boot->mounts_gpa); *m; m += strlen(m) + 1)
		add(m + 1, *m == 'r', false);
	if (boot->flags & BOOT_NO_TMP)
		return;
	add_tmpfs("/tmp");
	add_tmpfs("/dev/shm");
	/* A host directory mounted inside a tmpfs one is seen there, as on Linux. */
	for (int i = 0; i < nmounts; i++)
		for (int t = 0; t < nmounts && !mounts[i].tmpfs; t++)
			if (mounts[t].tmpfs && mounts[t].len < mounts[i].len && below(mounts[i].path, &mounts[t]))
				tmpfs_make_path(mounts[i].path, 0755);
}

const struct mount *mount_of(const char *path)
{
	const struct mount *best = 0;
	for (int i = 0; i < nmounts; i++)
		if (below(path, &mounts[i]) && (!best || mounts[i].len > best->len))
			best = &mounts[i];
	return best;
}

bool mount_in_tmpfs(const char *path)
{
	const struct mount *m = mount_of(path);
	return m && m->tmpfs;
}

const struct mount *mount_at(int i)
{
	return i < nmounts ? &mounts[i] : 0;
}
