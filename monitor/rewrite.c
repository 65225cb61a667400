/*
 * The program's syscall sites made calls into the kernel before it runs, by
 * cocoon-rewrite. The result is kept in a cache, $XDG_CACHE_HOME/cocoon (else
 * ~/.cache/cocoon), named for the program's real path and for the identity of
 * both files (device, inode, size, modification and change times), so a
 * program changed or rebuilt is rewritten again, and its older entry removed;
 * beyond 256 MiB or 1024 entries the least recently used go. An empty entry records a
 * program that cannot be rewritten. Without a cache
 * the result goes to a file in TMPDIR that is gone once opened. The program
 * still sees its own path (/proc/self/exe, AT_EXECFN).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "image.h"
#include "log.h"

extern char **environ;

#define KEY_HEX 16 /* each half of an entry's name: "PATHHASH-IDHASH" */
/* What the cache keeps at most, the least recently used going first; empty entries count too. */
#define CACHE_BYTES (256LL << 20)
#define CACHE_ENTRIES 1024

/* Beside uhyve-run when installed, in tools/ beside it in a build tree, else on PATH. */
static const char *rewriter(void)
{
	const char *path = beside_monitor("cocoon-rewrite", X_OK);
	if (!path)
		path = beside_monitor("tools/cocoon-rewrite", X_OK);
	return path ? path : "cocoon-rewrite";
}

static void reason(char *why, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void reason(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
}

/* Its first line on stderr, for a one-line error. */
static void first_line(int fd, char *line, size_t size)
{
	size_t len = 0;
	ssize_t n;
	while (len + 1 < size && (n = read(fd, line + len, size - 1 - len)) > 0)
		len += (size_t)n;
	line[len] = 0;
	line[strcspn(line, "\n")] = 0;
}

/* Run the rewriter from path into out; true if it succeeded, else its first line of error in why. */
static bool run_rewriter(const char *tool, const char *path, const char *out, char *why, size_t why_size)
{
	int err[2];
	if (pipe2(err, O_CLOEXEC) < 0)
		die(EXIT_MONITOR_FAILED, "cannot make a pipe: %s", strerror(errno));
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	/* It gets its files by name and nothing of uhyve-run's but the error pipe (all else is O_CLOEXEC). */
	posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&actions, err[1], 2);
	char *argv[] = { (char *)tool, (char *)path, "-o", (char *)out, NULL };
	pid_t pid;
	int spawned = posix_spawnp(&pid, tool, &actions, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	close(err[1]);
	if (spawned != 0) {
		close(err[0]);
		reason(why, why_size, "cannot run %s: %s", tool, strerror(spawned));
		return false;
	}
	first_line(err[0], why, why_size);
	close(err[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!*why)
		reason(why, why_size, "cocoon-rewrite failed");
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* The cache directory, made (mode 0700) if missing; NULL if there is none that only we can write. */
static const char *cache_dir(void)
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

static uint64_t hash_identity(uint64_t h, const struct stat *st)
{
	const uint64_t id[] = { st->st_dev,	       st->st_ino,	   (uint64_t)st->st_size,
				(uint64_t)st->st_mtim.tv_sec, (uint64_t)st->st_mtim.tv_nsec, (uint64_t)st->st_ctim.tv_sec,
				(uint64_t)st->st_ctim.tv_nsec };
	return hash(h, id, sizeof(id));
}

/* The entry's name for the program at path (open as fd) rewritten by tool; false if it has none. */
static bool entry_name(const char *path, int fd, const char *tool, char *name, size_t size)
{
	char real[PATH_MAX];
	struct stat prog, rw;
	if (!realpath(path, real) || fstat(fd, &prog) < 0 || stat(tool, &rw) < 0)
		return false;
	uint64_t basis = 0xcbf29ce484222325ULL;
	snprintf(name, size, "%0*llx-%0*llx", KEY_HEX, (unsigned long long)hash(basis, real, strlen(real)), KEY_HEX,
		 (unsigned long long)hash_identity(hash_identity(basis, &prog), &rw));
	return true;
}

/* An entry only we can have written, open; -1 if there is none. */
static int entry_open(const char *file, struct stat *st)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd >= 0 && (fstat(fd, st) < 0 || !S_ISREG(st->st_mode) || st->st_uid != geteuid() || (st->st_mode & 022))) {
		close(fd);
		fd = -1;
	}
	return fd;
}

struct entry {
	char name[2 * KEY_HEX + 2];
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
 * holds more than CACHE_BYTES or CACHE_ENTRIES.
 */
static void prune(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct entry *all = NULL;
	size_t n = 0, cap = 0;
	off_t total = 0;
	for (struct dirent *e; d && (e = readdir(d));) {
		struct stat st;
		if (e->d_name[0] == '.' || strlen(e->d_name) != 2 * KEY_HEX + 1 ||
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

/*
 * Rewrite path into a new file in dir (named stem.XXXXXX, its name left in
 * out): the new file open, or -1 with why. The file stays; with ok false
 * (the rewriter refused) it is empty.
 */
static int rewrite_into(const char *dir, const char *stem, char *out, const char *tool, const char *path, bool *ok,
			char *why, size_t why_size)
{
	int fd = snprintf(out, PATH_MAX, "%s/%s.XXXXXX", dir, stem) < PATH_MAX ? mkostemp(out, O_CLOEXEC) : -1;
	if (fd < 0) {
		reason(why, why_size, "cannot make a file in %s: %s", dir, strerror(errno));
		return -1;
	}
	*ok = run_rewriter(tool, path, out, why, why_size);
	close(fd);
	/* The rewriter writes the file anew, and may have left part of one when it failed. */
	fd = open(out, O_RDONLY | O_CLOEXEC);
	if (!*ok && fd >= 0 && truncate(out, 0) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Rewrite into the cache's entry file (name in dir); its fd, or -1 if the rewriter failed. */
static int entry_make(const char *dir, const char *name, const char *file, const char *tool, const char *path,
		      char *why, size_t why_size)
{
	char tmp[PATH_MAX], stem[2 * KEY_HEX + 8];
	bool ok;
	snprintf(stem, sizeof(stem), ".new-%s", name);
	int fd = rewrite_into(dir, stem, tmp, tool, path, &ok, why, why_size);
	if (fd < 0)
		return -1;
	/* A failure is kept too, as an empty entry, so the next run does not try again. */
	if (rename(tmp, file) < 0)
		unlink(tmp);
	else
		prune(dir, name);
	if (!ok) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Without a cache: into TMPDIR, unlinked once open. */
static int temp_make(const char *tool, const char *path, char *why, size_t why_size)
{
	const char *tmpdir = getenv("TMPDIR");
	char tmp[PATH_MAX];
	bool ok;
	int fd = rewrite_into(tmpdir && *tmpdir ? tmpdir : "/tmp", "uhyve-run-rewrite", tmp, tool, path, &ok, why,
			      why_size);
	if (fd >= 0)
		unlink(tmp);
	if (fd >= 0 && !ok) {
		close(fd);
		fd = -1;
	}
	return fd;
}

bool app_rewrite(const char *path, struct app_image *app, bool required)
{
	const char *tool = rewriter(), *dir = cache_dir();
	char name[2 * KEY_HEX + 2], file[PATH_MAX], why[512] = "";
	int fd = -1;
	if (dir && entry_name(path, app->fd, tool, name, sizeof(name)) &&
	    snprintf(file, sizeof(file), "%s/%s", dir, name) < (int)sizeof(file)) {
		struct stat st;
		fd = entry_open(file, &st);
		/* Its modification time is when it was last used (prune). */
		if (fd >= 0)
			futimens(fd, NULL);
		/* A recorded failure: without required the program runs as it is; with it, the error is wanted. */
		if (fd >= 0 && st.st_size == 0) {
			close(fd);
			if (!required)
				return false;
			fd = -1;
		}
		if (fd < 0)
			fd = entry_make(dir, name, file, tool, path, why, sizeof(why));
	} else {
		fd = temp_make(tool, path, why, sizeof(why));
	}
	if (fd < 0) {
		if (required)
			die(EXIT_NOT_EXECUTABLE, "--rewrite: %s", why);
		return false;
	}
	close(app->fd);
	app_check_fd(fd, path, app);
	return true;
}
