/*
 * The rewrite cache. An entry is named for the host path of the file
 * rewritten (hashed), that file's exact identity (device, inode, size,
 * modification and change times) and the rewriter's (hashed): a file changed
 * or rebuilt, or a new rewriter, gets a new entry, and its older one for the
 * same path goes. The identity is spelled out, not hashed, because a guest
 * chooses the libraries that get entries: a name it could make collide with
 * another file's would hand that file's users its copy. Beyond 256 MiB or
 * 1024 entries the least recently used go. Entries are made under a
 * temporary name and renamed, so a reader sees a whole one or none.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"

#define KEY_HEX 16 /* a hash in an entry's name; the path's leads it */
/* What the cache keeps at most, the least recently used going first; empty entries count too. */
#define CACHE_BYTES (256LL << 20)
#define CACHE_ENTRIES 1024

const char *cache_dir(void)
{
	static char dir[PATH_MAX];
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	int n = xdg && xdg[0] == '/'   ? snprintf(dir, sizeof(dir), "%s/cocoon", xdg)
		: home && home[0] == '/' ? snprintf(dir, sizeof(dir), "%s/.cache/cocoon", home)
					 : -1;
	if (n < 0 || n >= (int)sizeof(dir))
		return NULL;
	struct stat st;
	if (lstat(dir, &st) < 0) {
		char *slash = strrchr(dir, '/');
		*slash = 0;
		mkdir(dir, 0700);
		*slash = '/';
		mkdir(dir, 0700);
	}
	return lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid() && !(st.st_mode & 022) ? dir
														  : NULL;
}

static uint64_t hash(uint64_t h, const void *data, size_t len)
{
	const unsigned char *b = data;
	for (size_t i = 0; i < len; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL; /* FNV-1a */
	return h;
}

#define IDENTITY_WORDS 7

static void identity(const struct stat *st, uint64_t id[IDENTITY_WORDS])
{
	const uint64_t words[IDENTITY_WORDS] = { st->st_dev, st->st_ino, (uint64_t)st->st_size,
						 (uint64_t)st->st_mtim.tv_sec, (uint64_t)st->st_mtim.tv_nsec,
						 (uint64_t)st->st_ctim.tv_sec, (uint64_t)st->st_ctim.tv_nsec };
	memcpy(id, words, sizeof(words));
}

bool cache_entry_name(int fd, const struct stat *st, const struct stat *tool, char *name)
{
	/* Where the host has the file: the path it was opened by, as the host resolved it. */
	char link[32], path[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t len = readlink(link, path, sizeof(path));
	if (len <= 0 || len == (ssize_t)sizeof(path))
		return false;
	const uint64_t basis = 0xcbf29ce484222325ULL;
	uint64_t id[IDENTITY_WORDS], rw[IDENTITY_WORDS];
	identity(st, id);
	identity(tool, rw);
	int n = snprintf(name, CACHE_NAME_MAX, "%0*llx-", KEY_HEX, (unsigned long long)hash(basis, path, (size_t)len));
	for (int i = 0; i < IDENTITY_WORDS; i++)
		n += snprintf(name + n, CACHE_NAME_MAX - (size_t)n, "%016llx", (unsigned long long)id[i]);
	snprintf(name + n, CACHE_NAME_MAX - (size_t)n, "-%0*llx", KEY_HEX, (unsigned long long)hash(basis, rw, sizeof(rw)));
	return true;
}

int cache_entry_open(const char *dir, const char *name, struct stat *st)
{
	char file[PATH_MAX];
	if (snprintf(file, sizeof(file), "%s/%s", dir, name) >= (int)sizeof(file))
		return -1;
	int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd >= 0 && (fstat(fd, st) < 0 || !S_ISREG(st->st_mode) || st->st_uid != geteuid() || (st->st_mode & 022))) {
		close(fd);
		return -1;
	}
	/* Its modification time is when it was last used (prune). */
	if (fd >= 0)
		futimens(fd, NULL);
	return fd;
}

struct entry {
	char name[CACHE_NAME_MAX];
	struct timespec used;
	off_t size;
};

static int by_use(const void *a, const void *b)
{
	const struct timespec *x = &((const struct entry *)a)->used, *y = &((const struct entry *)b)->used;
	return x->tv_sec != y->tv_sec ? (x->tv_sec < y->tv_sec ? -1 : 1) : (x->tv_nsec > y->tv_nsec) - (x->tv_nsec < y->tv_nsec);
}

/*
 * After name is made: entries for the same path but older files go, and then
 * the least recently used (a use touches an entry's mtime) while the cache
 * holds more than CACHE_BYTES or CACHE_ENTRIES. An entry is any regular file
 * there whose name does not start with a dot (those are being made).
 */
static void prune(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct entry *all = NULL;
	size_t n = 0, cap = 0;
	off_t total = 0;
	for (struct dirent *e; d && (e = readdir(d));) {
		struct stat st;
		if (e->d_name[0] == '.' || strlen(e->d_name) >= CACHE_NAME_MAX ||
		    fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode))
			continue;
		if (strncmp(e->d_name, name, KEY_HEX + 1) == 0 && strcmp(e->d_name, name) != 0) {
			unlinkat(dirfd(d), e->d_name, 0);
			continue;
		}
		if (n == cap) {
			struct entry *more = realloc(all, (cap = cap ? 2 * cap : 64) * sizeof(*all));
			if (!more)
				break;
			all = more;
		}
		all[n] = (struct entry){ .used = st.st_mtim, .size = st.st_size };
		strcpy(all[n++].name, e->d_name);
		total += st.st_size;
	}
	if (all)
		qsort(all, n, sizeof(*all), by_use);
	for (size_t i = 0, left = n; i < n && (total > CACHE_BYTES || left > CACHE_ENTRIES); i++)
		if (strcmp(all[i].name, name) != 0 && unlinkat(dirfd(d), all[i].name, 0) == 0) {
			total -= all[i].size;
			left--;
		}
	free(all);
	if (d)
		closedir(d);
}

int cache_entry_make(const char *dir, const char *name, const struct rewrite_job *job,
		     enum rewrite_result *result, char *why, size_t why_size)
{
	char tmp[PATH_MAX], file[PATH_MAX], stem[CACHE_NAME_MAX + 8];
	snprintf(stem, sizeof(stem), ".new-%s", name);
	if (snprintf(file, sizeof(file), "%s/%s", dir, name) >= (int)sizeof(file)) {
		snprintf(why, why_size, "%s: path too long", dir);
		*result = REWRITE_ABANDONED;
		return -1;
	}
	int fd = rewrite_into(job, dir, stem, tmp, result, why, why_size);
	if (fd < 0)
		return -1;
	/* A failure is kept too, as an empty entry, so the next run does not try again. */
	if (rename(tmp, file) < 0)
		unlink(tmp);
	else
		prune(dir, name);
	if (*result != REWRITE_DONE) {
		close(fd);
		fd = -1;
	}
	return fd;
}
