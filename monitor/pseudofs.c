/*
 * Pseudo file systems: /proc would hand the guest the monitor's own memory
 * (/proc/self/mem) and environment, /sys and /dev the host's devices. Neither
 * a mount's directory nor a file opened beneath one may be on them.
 */
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#include "pseudofs.h"

#ifndef CONFIGFS_MAGIC
#define CONFIGFS_MAGIC 0x62656570
#endif
#ifndef FUSECTL_MAGIC
#define FUSECTL_MAGIC 0x65735543
#endif

static const struct {
	long type;
	const char *name;
} kinds[] = {
	{ PROC_SUPER_MAGIC, "proc" },	   { SYSFS_MAGIC, "sysfs" },	       { DEVPTS_SUPER_MAGIC, "devpts" },
	{ DEBUGFS_MAGIC, "debugfs" },	   { TRACEFS_MAGIC, "tracefs" },       { SECURITYFS_MAGIC, "securityfs" },
	{ CGROUP_SUPER_MAGIC, "cgroup" },  { CGROUP2_SUPER_MAGIC, "cgroup2" }, { BPF_FS_MAGIC, "bpf" },
	{ CONFIGFS_MAGIC, "configfs" },	   { PSTOREFS_MAGIC, "pstore" },       { EFIVARFS_MAGIC, "efivarfs" },
	{ NSFS_MAGIC, "nsfs" },		   { SELINUX_MAGIC, "selinuxfs" },     { SMACK_MAGIC, "smackfs" },
	{ FUSECTL_MAGIC, "fusectl" },	   { BINFMTFS_MAGIC, "binfmt_misc" },
};

/* devtmpfs says it is tmpfs: the mount table knows better (statx's mount id, 5.8 and later). */
static const char *devtmpfs(int fd)
{
	struct statx stx;
	if (statx(fd, "", AT_EMPTY_PATH, STATX_MNT_ID, &stx) < 0 || !(stx.stx_mask & STATX_MNT_ID))
		return NULL;
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096];
	const char *found = NULL;
	while (f && !found && fgets(line, sizeof(line), f)) {
		unsigned long long id;
		const char *dash = strstr(line, " - ");
		if (sscanf(line, "%llu", &id) == 1 && id == stx.stx_mnt_id && dash && strncmp(dash + 3, "devtmpfs ", 9) == 0)
			found = "devtmpfs";
	}
	if (f)
		fclose(f);
	return found;
}

const char *pseudo_fs(int fd, long *type)
{
	struct statfs fs;
	*type = 0;
	if (fstatfs(fd, &fs) < 0)
		return NULL;
	*type = fs.f_type;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (fs.f_type == kinds[i].type)
			return kinds[i].name;
	return NULL;
}

const char *pseudo_fs_mount(int fd)
{
	long type;
	const char *name = pseudo_fs(fd, &type);
	return name ? name : type == TMPFS_MAGIC ? devtmpfs(fd) : NULL;
}
