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
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "files.h"
#include "log.h"
#include "mounts.h"
#include "pseudofs.h"

#define MOUNT_MAX 32
#define LINKS_MAX 40 /* symlinks followed in one path, as Linux allows */

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

/* Is the host path at or beneath the host directory dir? */
static bool beneath(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return n == 1 || (strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == 0));
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
	if (m->dirfd < 0 || !realpath(host, m->host))
		die(EXIT_MONITOR_FAILED, "--mount %s: %s", host, strerror(errno));
	const char *pseudo = pseudo_fs_mount(m->dirfd);
	if (pseudo)
		die(EXIT_MONITOR_FAILED, "--mount %s: %s is a %s file system, which cannot be mounted", spec, host,
		    pseudo);
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
	for (int i = 0; i < nmounts; i++)
		for (int j = 0; j < nmounts; j++)
			if (i != j && !mounts[i].ro && mounts[j].ro && beneath(mounts[j].host, mounts[i].host))
				mounts[i].ro_inside = true;
}

bool files_guest_mounted(const char *guest)
{
	for (int i = 0; i < nmounts; i++) {
		size_t n = mounts[i].guest_len;
		if (n == 1 || (strncmp(guest, mounts[i].guest, n) == 0 && (guest[n] == 0 || guest[n] == '/')))
			return true;
	}
	return false;
}

void files_mount_tmp(const char *hostdir)
{
	char spec[PATH_MAX + 8];
	if (strchr(hostdir, ':') || snprintf(spec, sizeof(spec), "%s:/tmp", hostdir) >= (int)sizeof(spec))
		die(EXIT_MONITOR_FAILED, "--tmp %s: a directory path without ':' expected", hostdir);
	files_mount(spec);
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

/* The mount holding a canonical guest path (the longest match) and the path below it, or NULL. */
static struct mount *lookup(const char *path, char *rel)
{
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

	return lookup(path, rel);
}

/* openat2 beneath the mount; EXDEV where the path would leave it. */
static int open_raw(const struct mount *m, const char *rel, int flags, unsigned mode)
{
	struct open_how how = {
		.flags = (uint64_t)(flags | O_CLOEXEC),
		.mode = (flags & (O_CREAT | O_TMPFILE)) ? mode : 0,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
	};
	return (int)syscall(SYS_openat2, m->dirfd, rel, &how, sizeof(how));
}

int open_beneath(const struct mount *m, const char *rel, int flags, unsigned mode)
{
	int fd = open_raw(m, rel, flags, mode);
	if (fd < 0 && errno == EXDEV)
		errno = EACCES;
	return fd;
}

/* Drop the last component of the guest path done (length *n). */
static void drop_last(char *done, size_t *n)
{
	while (*n > 0 && done[--*n] != '/')
		;
	done[*n] = 0;
}

int relink(struct mount **m, char *rel, bool follow)
{
	char todo[PATH_MAX], done[PATH_MAX] = "", target[PATH_MAX], sub[PATH_MAX];
	size_t dn = 0;
	int links = 0;
	if (snprintf(todo, sizeof(todo), "%s/%s", (*m)->guest_len == 1 ? "" : (*m)->guest, rel) >= (int)sizeof(todo))
		return -ENAMETOOLONG;
	const char *p = todo;
	for (;;) {
		p += strspn(p, "/");
		if (!*p)
			break;
		size_t n = strcspn(p, "/");
		const char *next = p + n;
		bool last = !next[strspn(next, "/")];
		if (n <= 2 && p[0] == '.' && p[n - 1] == '.') {
			if (n == 2)
				drop_last(done, &dn);
			p = next;
			continue;
		}
		if (dn + 1 + n >= sizeof(done))
			return -ENAMETOOLONG;
		done[dn++] = '/';
		memcpy(done + dn, p, n);
		dn += n;
		done[dn] = 0;
		p = next;
		struct mount *at = lookup(done, sub);
		/* A directory above the mounts is no link; the final name stays unfollowed if asked. */
		if (!at || (last && !follow))
			continue;
		int fd = open_raw(at, sub, O_PATH | O_NOFOLLOW, 0);
		struct stat st;
		if (fd < 0)
			break; /* missing or refused: the open that follows says which */
		ssize_t len = fstat(fd, &st) == 0 && S_ISLNK(st.st_mode) ? readlinkat(fd, "", target, sizeof(target) - 1) : -1;
		close(fd);
		if (len < 0)
			continue;
		if (++links > LINKS_MAX)
			return -ELOOP;
		target[len] = 0;
		/* The link's target in its place, then what followed it: an absolute one from the root. */
		if (snprintf(sub, sizeof(sub), "%s/%s", target, p) >= (int)sizeof(sub))
			return -ENAMETOOLONG;
		strcpy(todo, sub);
		p = todo;
		if (target[0] == '/')
			dn = 0;
		else
			drop_last(done, &dn);
		done[dn] = 0;
	}
	if (*p && snprintf(done + dn, sizeof(done) - dn, "/%s", p) >= (int)(sizeof(done) - dn))
		return -ENAMETOOLONG;
	struct mount *found = lookup(done[0] ? done : "/", sub);
	if (!found)
		return -ENOENT;
	*m = found;
	strcpy(rel, sub);
	return 0;
}

int open_guest(struct mount **m, char *rel, int flags, unsigned mode, bool write)
{
	int fd = open_raw(*m, rel, flags, mode);
	if (fd >= 0 || errno != EXDEV)
		return fd;
	bool follow = !(flags & O_NOFOLLOW);
	int64_t r = relink(m, rel, follow);
	if (!r && write)
		r = write_check(*m, rel, follow);
	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return open_beneath(*m, rel, flags, mode);
}

bool lands_read_only(const struct mount *m, int fd)
{
	if (m->ro || !m->ro_inside)
		return m->ro;
	/* Where the file is, as the host names it now; not knowing is read-only. */
	char link[64], path[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0 || path[0] != '/')
		return true;
	path[n] = 0;
	/* The deepest mount holding it decides; m itself among equals. */
	const struct mount *best = m;
	size_t best_len = strlen(m->host);
	for (int i = 0; i < nmounts; i++) {
		size_t len = strlen(mounts[i].host);
		if (beneath(path, mounts[i].host) && len > best_len) {
			best = &mounts[i];
			best_len = len;
		}
	}
	return best->ro;
}

int64_t write_check(const struct mount *m, const char *rel, bool follow)
{
	if (m->ro || !m->ro_inside)
		return m->ro ? -EROFS : 0;
	int fd = open_beneath(m, rel, O_PATH | (follow ? 0 : O_NOFOLLOW), 0);
	if (fd >= 0) {
		bool ro = lands_read_only(m, fd);
		close(fd);
		return ro ? -EROFS : 0;
	}
	if (errno != ENOENT)
		return 0; /* the call itself meets the same error */
	/* Not there yet: where it would be made. */
	char parent[PATH_MAX];
	strcpy(parent, rel);
	char *slash = strrchr(parent, '/');
	const char *name = slash ? slash + 1 : parent;
	if (slash)
		*slash = 0;
	int dir = slash ? open_beneath(m, parent, O_PATH | O_DIRECTORY, 0) : m->dirfd;
	if (dir < 0)
		return 0;
	struct stat st;
	/* A dangling symlink followed would make its target, wherever that is. */
	bool ro = lands_read_only(m, dir) ||
		  (follow && fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode));
	if (dir != m->dirfd)
		close(dir);
	return ro ? -EROFS : 0;
}

/* The directory holding rel's last component (its name into name): a descriptor, or -1 with errno. */
static int parent_of(const struct mount *m, const char *rel, char *name)
{
	char dir[PATH_MAX];
	strcpy(dir, rel);
	char *slash = strrchr(dir, '/');
	strcpy(name, slash ? slash + 1 : dir);
	if (!slash)
		return m->dirfd;
	*slash = 0;
	return open_raw(m, dir, O_PATH | O_DIRECTORY, 0);
}

int open_parent(struct guest *g, uint64_t gpa, uint64_t len, bool write, bool follow, char *name, int64_t *err)
{
	char rel[PATH_MAX];
	struct mount *m = resolve(g, gpa, len, rel, err);
	if (!m)
		return -1;
	/* A final symlink to follow is followed beneath its directory later: where it leaves the mount, the guest's paths decide now. */
	if (follow) {
		int probe = open_raw(m, rel, O_PATH, 0);
		if (probe >= 0)
			close(probe);
		else if (errno == EXDEV && (*err = relink(&m, rel, true)) < 0)
			return -1;
	}
	int fd = parent_of(m, rel, name);
	/* A symlink on the way to the directory leaves the mount: the same. */
	if (fd < 0 && errno == EXDEV) {
		if ((*err = relink(&m, rel, follow)) < 0)
			return -1;
		fd = parent_of(m, rel, name);
	}
	if (fd < 0) {
		*err = errno == EXDEV ? -EACCES : -errno;
		return -1;
	}
	if (write && (*err = write_check(m, rel, follow)) < 0) {
		put_parent(fd);
		return -1;
	}
	return fd;
}

void put_parent(int fd)
{
	for (int i = 0; i < nmounts; i++)
		if (mounts[i].dirfd == fd)
			return;
	close(fd);
}

int files_guest_file(const char *guest)
{
	char path[PATH_MAX], rel[PATH_MAX];
	if (snprintf(path, sizeof(path), "%s", guest) >= (int)sizeof(path) || path[0] != '/')
		return -ENOENT;
	normalize(path);
	struct mount *m = lookup(path, rel);
	if (!m)
		return -ENOENT;
	int fd = open_guest(&m, rel, O_RDONLY, 0, false);
	if (fd < 0)
		return -errno;
	struct stat st;
	int r = fstat(fd, &st) < 0 ? -errno : S_ISREG(st.st_mode) ? 0 : -EACCES;
	close(fd);
	return r;
}
