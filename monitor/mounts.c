/*
 * The host directories the user mounted (--mount), and how a guest path
 * finds its host file in them. Every path resolves with openat2
 * (RESOLVE_BENEATH) below its mount, so neither "..", nor symlinks, nor magic
 * links reach anything else.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "files.h"
#include "log.h"
#include "mounts.h"

#define MOUNT_MAX 16

static struct mount mounts[MOUNT_MAX];
static int nmounts;

/* Make an absolute guest path canonical: no "//", ".", ".." or trailing "/". */
static void normalize(char *path)
{
	char out[PATH_MAX] = "";
	size_t n = 0;
	for (char *c = strtok(path, "/"); c; c = strtok(NULL, "/")) {
		if (strcmp(c, ".") == 0)
			continue;
		if (strcmp(c, "..") == 0) {
			while (n > 0 && out[--n] != '/')
				;
			out[n] = 0;
			continue;
		}
		n += (size_t)snprintf(out + n, sizeof(out) - n, "/%s", c);
	}
	strcpy(path, n ? out : "/");
}

void files_mount(const char *spec)
{
	if (nmounts == MOUNT_MAX)
		die(EXIT_MONITOR_FAILED, "--mount: at most %d mounts", MOUNT_MAX);
	char host[PATH_MAX], *guest, *ro;
	if (snprintf(host, sizeof(host), "%s", spec) >= (int)sizeof(host))
		die(EXIT_MONITOR_FAILED, "--mount %s: path too long", spec);
	guest = strchr(host, ':');
	if (guest)
		*guest++ = 0;
	ro = guest ? strchr(guest, ':') : NULL;
	if (ro)
		*ro++ = 0;
	if (ro && strcmp(ro, "ro") != 0 && strcmp(ro, "rw") != 0)
		die(EXIT_MONITOR_FAILED, "--mount %s: expected HOSTDIR[:GUESTDIR[:ro]]", spec);

	struct mount *m = &mounts[nmounts];
	m->dirfd = open(host, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (m->dirfd < 0)
		die(EXIT_MONITOR_FAILED, "--mount %s: %s", host, strerror(errno));
	if (!guest || !*guest) {
		if (!realpath(host, m->guest))
			die(EXIT_MONITOR_FAILED, "--mount %s: %s", host, strerror(errno));
	} else if (guest[0] != '/') {
		die(EXIT_MONITOR_FAILED, "--mount %s: the guest directory must be absolute", spec);
	} else {
		snprintf(m->guest, sizeof(m->guest), "%s", guest);
		normalize(m->guest);
	}
	m->guest_len = strlen(m->guest);
	m->ro = ro && strcmp(ro, "ro") == 0;
	nmounts++;
}

const char *files_default_cwd(void)
{
	return nmounts ? mounts[0].guest : "/";
}

size_t files_mount_list(char **list)
{
	size_t size = 1;
	for (int i = 0; i < nmounts; i++)
		size += mounts[i].guest_len + 2;
	char *at = *list = malloc(size);
	if (!at)
		die(EXIT_MONITOR_FAILED, "out of memory");
	for (int i = 0; i < nmounts; i++)
		at += sprintf(at, "%c%s", mounts[i].ro ? 'r' : 'w', mounts[i].guest) + 1;
	*at = 0;
	return size;
}

/* Absolute, and no empty, "." or ".." component: what normalize() makes. */
static bool canonical(const char *path)
{
	if (path[0] != '/')
		return false;
	if (!path[1])
		return true;
	for (const char *c = path + 1;; c++) {
		size_t n = strcspn(c, "/");
		if (n == 0 || (c[0] == '.' && (n == 1 || (n == 2 && c[1] == '.'))))
			return false;
		c += n;
		if (!*c)
			return true;
	}
}

struct mount *resolve(struct guest *g, uint64_t gpa, uint64_t len, char *rel, int64_t *err)
{
	const char *src = guest_ptr(g, gpa, len);
	*err = -EFAULT;
	if (!src)
		return NULL;
	*err = -ENAMETOOLONG;
	if (len >= PATH_MAX)
		return NULL;
	char path[PATH_MAX];
	memcpy(path, src, len);
	path[len] = 0;
	*err = -ENOENT;
	/* The kernel sends canonical paths; anything else is refused, not fixed. */
	if (strlen(path) != len || !canonical(path))
		return NULL;

	struct mount *best = NULL;
	for (int i = 0; i < nmounts; i++) {
		struct mount *m = &mounts[i];
		bool root = m->guest_len == 1;
		if ((root || (strncmp(path, m->guest, m->guest_len) == 0 &&
			      (path[m->guest_len] == 0 || path[m->guest_len] == '/'))) &&
		    (!best || m->guest_len > best->guest_len))
			best = m;
	}
	if (!best)
		return NULL;
	const char *rest = path + (best->guest_len == 1 ? 1 : best->guest_len);
	while (*rest == '/')
		rest++;
	strcpy(rel, *rest ? rest : ".");
	return best;
}

int open_beneath(const struct mount *m, const char *rel, int flags, unsigned mode)
{
	struct open_how how = {
		.flags = (uint64_t)(flags | O_CLOEXEC),
		.mode = (flags & (O_CREAT | O_TMPFILE)) ? mode : 0,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
	};
	int fd = (int)syscall(SYS_openat2, m->dirfd, rel, &how, sizeof(how));
	if (fd < 0 && errno == EXDEV)
		errno = EACCES;
	return fd;
}

int open_parent(struct guest *g, uint64_t gpa, uint64_t len, bool write, char *name, int64_t *err)
{
	char rel[PATH_MAX];
	struct mount *m = resolve(g, gpa, len, rel, err);
	if (!m)
		return -1;
	if (m->ro && write) {
		*err = -EROFS;
		return -1;
	}
	char *slash = strrchr(rel, '/');
	strcpy(name, slash ? slash + 1 : rel);
	if (slash)
		*slash = 0;
	if (!slash)
		return m->dirfd;
	int fd = open_beneath(m, rel, O_PATH | O_DIRECTORY, 0);
	if (fd < 0)
		*err = -errno;
	return fd;
}

void put_parent(int fd)
{
	for (int i = 0; i < nmounts; i++)
		if (mounts[i].dirfd == fd)
			return;
	close(fd);
}
