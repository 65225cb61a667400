/*
 * Files: the host directories the user mounted, and the handles the guest
 * names files by. Every path resolves with openat2(RESOLVE_BENEATH) below its
 * mount, so neither "..", nor symlinks, nor magic links reach anything else.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "handlers.h"
#include "monitor.h"

#define MOUNT_MAX 16

struct mount {
	int dirfd;
	char guest[PATH_MAX]; /* absolute, normalized, "/" or without a trailing slash */
	size_t guest_len;
	bool ro;
};

static struct mount mounts[MOUNT_MAX];
static int nmounts;
/* Host descriptor + 1 by handle, 0 when free; 0..2 are the standard streams. */
static int handles[HC_HANDLE_MAX] = { 1, 2, 3 };
static int handles_end = 3; /* past the last one in use */
/* The host file behind each handle, to tell the kernel which handles share one. */
static struct {
	dev_t dev;
	ino_t ino;
} identity[HC_HANDLE_MAX];

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

/* The host descriptor behind a handle, or -1. */
static int handle_fd(int32_t h)
{
	return h >= 0 && h < HC_HANDLE_MAX ? handles[h] - 1 : -1;
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

/*
 * The mount holding a guest path (the longest match) and the path relative to
 * it, or NULL. The path comes from guest memory: it is copied and checked here.
 */
static struct mount *resolve(struct guest *g, uint64_t gpa, uint64_t len, char *rel, int64_t *err)
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

/* openat2 strictly beneath the mount; escapes look like a missing path. */
static int open_beneath(const struct mount *m, const char *rel, int flags, unsigned mode)
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

#define OPEN_FLAGS_ALLOWED                                                                          \
	(O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK | O_DSYNC |      \
	 O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | O_SYNC | O_LARGEFILE)

int do_OPEN(struct guest *g, struct hc_open *req)
{
	char rel[PATH_MAX];
	struct mount *m = resolve(g, req->path, req->path_len, rel, &req->ret);
	if (!m)
		return GO_ON;
	int flags = req->flags & OPEN_FLAGS_ALLOWED;
	if (m->ro && ((flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC)))) {
		req->ret = -EROFS;
		return GO_ON;
	}
	int h = 3;
	while (h < HC_HANDLE_MAX && handles[h])
		h++;
	if (h == HC_HANDLE_MAX) {
		req->ret = -ENFILE;
		return GO_ON;
	}
	int fd = open_beneath(m, rel, flags, req->mode & 07777);
	if (fd < 0) {
		req->ret = -errno;
		return GO_ON;
	}
	handles[h] = fd + 1;
	if (h >= handles_end)
		handles_end = h + 1;
	req->ret = h;
	struct stat st;
	req->type = fstat(fd, &st) == 0 ? st.st_mode & S_IFMT : 0;
	identity[h].dev = req->type ? st.st_dev : 0;
	identity[h].ino = req->type ? st.st_ino : 0;
	req->alias = -1;
	for (int i = 3; i < handles_end && req->type && req->alias < 0; i++)
		if (i != h && handles[i] && identity[i].dev == st.st_dev && identity[i].ino == st.st_ino)
			req->alias = i;
	req->ahead_got = 0;
	if (S_ISREG(req->type) && (flags & O_ACCMODE) != O_WRONLY && req->ahead_len) {
		uint8_t *ahead = guest_ptr(g, req->ahead, req->ahead_len);
		ssize_t n = -1;
		errno = EFAULT;
		if (ahead)
			do
				n = pread(fd, ahead, req->ahead_len, 0);
			while (retry_eintr(n));
		req->ahead_got = n < 0 ? -errno : n;
	}
	return GO_ON;
}

int do_CLOSE(struct guest *g, struct hc_close *req)
{
	(void)g;
	int fd = handle_fd(req->handle);
	/* The standard streams stay open for the monitor's own messages. */
	if (fd < 0 || req->handle <= 2) {
		req->ret = fd < 0 ? -EBADF : 0;
		return GO_ON;
	}
	handles[req->handle] = 0;
	while (handles_end > 3 && !handles[handles_end - 1])
		handles_end--;
	req->ret = close(fd) < 0 && errno != EINTR ? -errno : 0;
	return GO_ON;
}

int do_STAT(struct guest *g, struct hc_stat *req)
{
	char rel[PATH_MAX];
	struct mount *m = resolve(g, req->path, req->path_len, rel, &req->ret);
	struct stat *st = guest_ptr(g, req->statbuf, HC_STAT_SIZE);
	if (!m)
		return GO_ON;
	if (!st) {
		req->ret = -EFAULT;
		return GO_ON;
	}
	/*
	 * A name in the mount's top directory cannot leave it unless it is a
	 * symlink to follow: one fstatat then, in place of open, fstat, close.
	 */
	struct stat host;
	int fd = -1;
	bool top = !strchr(rel, '/');
	int r = top ? fstatat(m->dirfd, rel, &host, AT_SYMLINK_NOFOLLOW) : 0;
	if (!top || (r == 0 && !req->nofollow && S_ISLNK(host.st_mode))) {
		fd = open_beneath(m, rel, O_PATH | (req->nofollow ? O_NOFOLLOW : 0), 0);
		r = fd < 0 ? -1 : fstat(fd, &host);
	}
	req->ret = r < 0 ? -errno : 0;
	if (r == 0)
		memcpy(st, &host, sizeof(host));
	if (fd >= 0)
		close(fd);
	return GO_ON;
}

int do_READLINK(struct guest *g, struct hc_readlink *req)
{
	char rel[PATH_MAX];
	struct mount *m = resolve(g, req->path, req->path_len, rel, &req->ret);
	char *buf = guest_ptr(g, req->buf, req->len);
	if (!m)
		return GO_ON;
	if (!buf) {
		req->ret = -EFAULT;
		return GO_ON;
	}
	/* The link itself, opened beneath the mount; its target is not followed. */
	int fd = open_beneath(m, rel, O_PATH | O_NOFOLLOW, 0);
	ssize_t n = fd < 0 ? -1 : readlinkat(fd, "", buf, req->len);
	req->ret = n < 0 ? (errno == ENOENT && fd >= 0 ? -EINVAL : -errno) : n;
	if (fd >= 0)
		close(fd);
	return GO_ON;
}

/*
 * Open the directory holding a path's last component, beneath the mount, and
 * return that component ("." for the mount's root); -EROFS for a write on a
 * read-only mount. A name in the mount's top directory needs no opening: the
 * mount's own descriptor is returned (put_parent leaves it open).
 */
static int open_parent(struct guest *g, uint64_t gpa, uint64_t len, bool write, char *name, int64_t *err)
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

static void put_parent(int fd)
{
	for (int i = 0; i < nmounts; i++)
		if (mounts[i].dirfd == fd)
			return;
	close(fd);
}

/*
 * chmod, access, chown, utimens: the *at() calls would follow a final symlink
 * anywhere, so the inode is found beneath the parent first and then reached
 * through its /proc/self/fd link.
 */
static int on_inode(struct guest *g, const struct hc_pathop *req, int dir, const char *name)
{
	bool nofollow = req->op == HC_PATH_UTIMENS && (req->arg & 1);
	struct open_how how = { .flags = O_PATH | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0),
				.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS };
	int fd = (int)syscall(SYS_openat2, dir, name, &how, sizeof(how));
	if (fd < 0)
		return errno == EXDEV ? (errno = EACCES, -1) : -1;
	char proc[64];
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	const struct timespec *times = NULL;
	int r = -1;
	switch (req->op) {
	case HC_PATH_CHMOD: r = chmod(proc, (mode_t)req->arg & 07777); break;
	case HC_PATH_ACCESS: r = faccessat(AT_FDCWD, proc, (int)req->arg & 7, 0); break;
	case HC_PATH_CHOWN: r = chown(proc, (uid_t)(req->arg >> 32), (gid_t)req->arg); break;
	case HC_PATH_UTIMENS:
		if (req->path2 && !(times = guest_ptr(g, req->path2, 2 * sizeof(*times)))) {
			errno = EFAULT;
			break;
		}
		r = utimensat(AT_FDCWD, proc, times, 0);
		break;
	default: errno = EINVAL; break;
	}
	int saved = errno;
	close(fd);
	errno = saved;
	return r;
}

int do_PATHOP(struct guest *g, struct hc_pathop *req)
{
	char name[PATH_MAX], name2[PATH_MAX], target[PATH_MAX];
	int two = req->op == HC_PATH_RENAME || req->op == HC_PATH_LINK;
	bool write = req->op != HC_PATH_ACCESS || (req->arg & W_OK);
	int dir = open_parent(g, req->path, req->path_len, write, name, &req->ret);
	int dir2 = -1, r = -1;
	if (dir < 0)
		return GO_ON;
	if (two && (dir2 = open_parent(g, req->path2, req->path2_len, true, name2, &req->ret)) < 0) {
		put_parent(dir);
		return GO_ON;
	}
	const char *src = req->op == HC_PATH_SYMLINK ? guest_ptr(g, req->path2, req->path2_len) : NULL;
	errno = EINVAL;
	switch (req->op) {
	case HC_PATH_MKDIR: r = mkdirat(dir, name, (mode_t)req->arg & 07777); break;
	case HC_PATH_UNLINK: r = unlinkat(dir, name, 0); break;
	case HC_PATH_RMDIR: r = unlinkat(dir, name, AT_REMOVEDIR); break;
	case HC_PATH_RENAME: r = renameat2(dir, name, dir2, name2, (unsigned)req->arg); break;
	case HC_PATH_LINK: r = linkat(dir, name, dir2, name2, 0); break;
	case HC_PATH_CHMOD:
	case HC_PATH_ACCESS:
	case HC_PATH_CHOWN:
	case HC_PATH_UTIMENS:
		r = on_inode(g, req, dir, name);
		break;
	case HC_PATH_SYMLINK:
		if (!src || req->path2_len >= PATH_MAX) {
			errno = src ? ENAMETOOLONG : EFAULT;
			break;
		}
		memcpy(target, src, req->path2_len);
		target[req->path2_len] = 0;
		r = symlinkat(target, dir, name);
		break;
	case HC_PATH_TRUNCATE: {
		struct open_how how = { .flags = O_WRONLY | O_CLOEXEC, .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS };
		int fd = (int)syscall(SYS_openat2, dir, name, &how, sizeof(how));
		r = fd < 0 ? -1 : ftruncate(fd, (off_t)req->arg);
		if (fd >= 0)
			close(fd);
		break;
	}
	default: break;
	}
	req->ret = r < 0 ? -errno : 0;
	put_parent(dir);
	if (dir2 >= 0)
		put_parent(dir2);
	return GO_ON;
}

/* Write all of iov (cnt pieces, total bytes) at offset (-1: the fd's position); bytes or -errno. */
static int64_t write_all(int fd, struct iovec *iov, int cnt, int64_t total, int64_t offset)
{
	int64_t done = 0;
	int first = 0;
	while (done < total) {
		ssize_t n = offset < 0 ? writev(fd, iov + first, cnt - first)
				       : pwritev(fd, iov + first, cnt - first, offset + done);
		if (retry_eintr(n))
			continue;
		if (n <= 0)
			return done ? done : n < 0 ? -errno : -EIO;
		done += n;
		/* A partial write: skip what went out and go on. */
		while (first < cnt && (size_t)n >= iov[first].iov_len)
			n -= (ssize_t)iov[first++].iov_len;
		if (first < cnt) {
			iov[first].iov_base = (char *)iov[first].iov_base + n;
			iov[first].iov_len -= (size_t)n;
		}
	}
	return done;
}

/* The buffer of a transfer on a handle, and its host descriptor; NULL with the error set. */
static uint8_t *io_buffer(struct guest *g, struct hc_io *req, int *fd)
{
	*fd = handle_fd(req->handle);
	if (*fd < 0) {
		req->ret = -EBADF;
		return NULL;
	}
	uint8_t *buf = guest_ptr(g, req->buf, req->len);
	if (!buf)
		req->ret = -EFAULT;
	return buf;
}

int do_WRITE(struct guest *g, struct hc_io *req)
{
	int fd;
	const uint8_t *buf = io_buffer(g, req, &fd);
	if (!buf)
		return GO_ON;
	struct iovec iov = { (void *)buf, req->len };
	req->ret = req->len > INT64_MAX ? -EINVAL : write_all(fd, &iov, 1, (int64_t)req->len, req->offset);
	return GO_ON;
}

/*
 * A read of a standard stream (a pipe, a terminal) may wait for long: wait
 * for it first, so that a signal for the program that came just before the
 * read cannot be missed. 0, or -1 with EINTR.
 */
static ssize_t stream_wait(int32_t handle, int fd)
{
	return handle >= 0 && handle <= 2 ? vm_wait_ready(fd, POLLIN) : 0;
}

int do_READ(struct guest *g, struct hc_io *req)
{
	int fd;
	uint8_t *buf = io_buffer(g, req, &fd);
	if (!buf)
		return GO_ON;
	ssize_t n = stream_wait(req->handle, fd);
	if (n == 0)
		do
			n = req->offset < 0 ? read(fd, buf, req->len) : pread(fd, buf, req->len, req->offset);
		while (retry_eintr(n));
	req->ret = n < 0 ? -errno : n;
	return GO_ON;
}

int do_GETDENTS(struct guest *g, struct hc_io *req)
{
	int fd;
	uint8_t *buf = io_buffer(g, req, &fd);
	if (!buf)
		return GO_ON;
	long n = syscall(SYS_getdents64, fd, buf, req->len > INT_MAX ? INT_MAX : req->len);
	req->ret = n < 0 ? -errno : n;
	return GO_ON;
}

int do_FSTAT(struct guest *g, struct hc_fstat *req)
{
	struct stat *st = guest_ptr(g, req->statbuf, HC_STAT_SIZE);
	struct stat host;
	int fd = handle_fd(req->handle);
	if (fd < 0)
		req->ret = -EBADF;
	else if (!st)
		req->ret = -EFAULT;
	else if (fstat(fd, &host) < 0)
		req->ret = -errno;
	else {
		memcpy(st, &host, sizeof(host));
		req->ret = 0;
	}
	return GO_ON;
}

int do_IOCTL(struct guest *g, struct hc_ioctl *req)
{
	uint64_t len = req->cmd == HC_TCGETS	 ? HC_TERMIOS_SIZE
		       : req->cmd == HC_TIOCGWINSZ ? HC_WINSIZE_SIZE
		       : req->cmd == HC_FIONREAD   ? sizeof(int)
						   : 0;
	uint8_t *arg = guest_ptr(g, req->arg, len);
	uint8_t host[64] = { 0 };
	int fd = handle_fd(req->handle);
	if (fd < 0)
		req->ret = -EBADF;
	else if (len == 0)
		req->ret = -EINVAL;
	else if (!arg)
		req->ret = -EFAULT;
	else if (ioctl(fd, req->cmd, host) < 0)
		req->ret = -errno;
	else {
		memcpy(arg, host, len);
		req->ret = 0;
	}
	return GO_ON;
}

uint32_t files_pollable_streams(void)
{
	/* epoll refuses exactly what Linux cannot poll: ask it. */
	int ep = epoll_create1(EPOLL_CLOEXEC);
	uint32_t bits = 0;
	for (int fd = 0; fd < 3 && ep >= 0; fd++) {
		struct epoll_event ev = { .events = EPOLLIN };
		if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == 0)
			bits |= 1u << fd;
	}
	if (ep >= 0)
		close(ep);
	return bits;
}

int do_POLL(struct guest *g, struct hc_poll *req)
{
	struct pollfd p = { .fd = handle_fd(req->handle), .events = (short)req->events };
	(void)g;
	if (p.fd < 0)
		req->ret = -EBADF;
	else if (poll(&p, 1, 0) < 0)
		req->ret = -errno;
	else
		req->ret = (uint16_t)p.revents;
	return GO_ON;
}

int do_SENDFILE(struct guest *g, struct hc_sendfile *req)
{
	(void)g;
	int in = handle_fd(req->in), out = handle_fd(req->out);
	off_t in_off = req->in_offset, out_off = req->out_offset;
	ssize_t n;
	if (in < 0 || out < 0 || in_off < 0) {
		req->ret = -EBADF;
		return GO_ON;
	}
	do
		n = out_off < 0 ? sendfile(out, in, &in_off, req->len)
				: copy_file_range(in, &in_off, out, &out_off, req->len, 0);
	while (retry_eintr(n));
	req->ret = n < 0 ? -errno : n;
	return GO_ON;
}

_Static_assert(sizeof(struct flock) == HC_FLOCK_SIZE, "host struct flock is the Linux x86-64 one");

/* fcntl's record locks, on the host file: the monitor is the program's one process there too. */
static int64_t record_lock(struct guest *g, int fd, uint64_t cmd, uint64_t flock_gpa)
{
	struct flock *guest_fl = guest_ptr(g, flock_gpa, sizeof(struct flock)), fl;
	if (cmd != F_GETLK && cmd != F_SETLK && cmd != F_SETLKW && cmd != F_OFD_GETLK && cmd != F_OFD_SETLK &&
	    cmd != F_OFD_SETLKW)
		return errno = EINVAL, -1;
	if (!guest_fl)
		return errno = EFAULT, -1;
	memcpy(&fl, guest_fl, sizeof(fl));
	int r;
	do
		r = fcntl(fd, (int)cmd, &fl);
	while (retry_eintr(r));
	if (r == 0)
		memcpy(guest_fl, &fl, sizeof(fl));
	return r;
}

int do_FILEOP(struct guest *g, struct hc_fileop *req)
{
	int fd = handle_fd(req->handle);
	int64_t r = -1;
	errno = EBADF;
	if (fd >= 0) {
		errno = EINVAL;
		switch (req->op) {
		case HC_FILE_FCHMOD: r = fchmod(fd, (mode_t)req->arg & 07777); break;
		case HC_FILE_FCHOWN: r = fchown(fd, (uid_t)(req->arg >> 32), (gid_t)req->arg); break;
		case HC_FILE_FTRUNCATE: r = ftruncate(fd, (off_t)req->arg); break;
		case HC_FILE_FSYNC: r = fsync(fd); break;
		case HC_FILE_FDATASYNC: r = fdatasync(fd); break;
		case HC_FILE_FLOCK: r = flock(fd, (int)req->arg); break;
		case HC_FILE_TELL: r = lseek(fd, 0, SEEK_CUR); break;
		case HC_FILE_SEEK: r = (int64_t)req->arg < 0 ? (errno = EINVAL, -1) : lseek(fd, (off_t)req->arg, SEEK_SET); break;
		case HC_FILE_FALLOCATE: r = fallocate(fd, (int)req->arg, (off_t)req->arg2, (off_t)req->arg3); break;
		case HC_FILE_LOCK: r = record_lock(g, fd, req->arg, req->arg2); break;
		default: break;
		}
	}
	req->ret = r < 0 ? -errno : r;
	return GO_ON;
}

_Static_assert(sizeof(struct statfs) == HC_STATFS_SIZE, "host struct statfs is the Linux x86-64 one");

int do_STATFS(struct guest *g, struct hc_statfs *req)
{
	char rel[PATH_MAX];
	struct statfs host;
	void *buf = guest_ptr(g, req->buf, HC_STATFS_SIZE);
	int fd = -1, r;
	if (req->path_len) {
		struct mount *m = resolve(g, req->path, req->path_len, rel, &req->ret);
		if (!m)
			return GO_ON;
		fd = open_beneath(m, rel, O_PATH, 0);
		r = fd < 0 ? -1 : fstatfs(fd, &host);
	} else {
		int hfd = handle_fd(req->handle);
		errno = EBADF;
		r = hfd < 0 ? -1 : fstatfs(hfd, &host);
	}
	if (r == 0 && !buf) {
		r = -1;
		errno = EFAULT;
	}
	req->ret = r < 0 ? -errno : 0;
	if (r == 0)
		memcpy(buf, &host, HC_STATFS_SIZE);
	if (fd >= 0)
		close(fd);
	return GO_ON;
}

/* The host iovec for a guest's segment list; its total length, or -errno. */
static int64_t host_iov(struct guest *g, const struct hc_iov *req, struct iovec *iov)
{
	if (req->nseg > HC_SEG_MAX)
		return -EINVAL;
	const struct hc_seg *segs = guest_ptr(g, req->segs, (uint64_t)req->nseg * sizeof(*segs));
	int64_t total = 0;
	if (!segs)
		return -EFAULT;
	for (uint32_t i = 0; i < req->nseg; i++) {
		struct hc_seg seg = segs[i];
		iov[i].iov_base = guest_ptr(g, seg.gpa, seg.len);
		iov[i].iov_len = seg.len;
		if (!iov[i].iov_base)
			return -EFAULT;
		total += (int64_t)seg.len;
	}
	return total;
}

int do_READV(struct guest *g, struct hc_iov *req)
{
	struct iovec iov[HC_SEG_MAX];
	int fd = handle_fd(req->handle);
	int64_t total = fd < 0 ? -EBADF : host_iov(g, req, iov);
	if (total < 0) {
		req->ret = total;
		return GO_ON;
	}
	ssize_t n = stream_wait(req->handle, fd);
	if (n == 0)
		do
			n = req->offset < 0 ? readv(fd, iov, (int)req->nseg) : preadv(fd, iov, (int)req->nseg, req->offset);
		while (retry_eintr(n));
	req->ret = n < 0 ? -errno : n;
	return GO_ON;
}

int do_WRITEV(struct guest *g, struct hc_iov *req)
{
	struct iovec iov[HC_SEG_MAX];
	int fd = handle_fd(req->handle);
	int64_t total = fd < 0 ? -EBADF : host_iov(g, req, iov);
	req->ret = total < 0 ? total : write_all(fd, iov, (int)req->nseg, total, req->offset);
	return GO_ON;
}

/* The kernel's write-behind block (see struct hc_wbuf), once it has named it. */
static uint64_t wbuf_gpa;

/* Write out what the write-behind block holds; the block's ret says how it went. */
static void wbuf_flush(struct guest *g)
{
	struct hc_wbuf *block = wbuf_gpa ? guest_ptr(g, wbuf_gpa, sizeof(*block)) : NULL;
	if (!block)
		return;
	struct hc_wbuf wb;
	memcpy(&wb, block, sizeof(wb));
	if (!wb.len)
		return;
	struct iovec iov = { guest_ptr(g, wb.buf, wb.len), wb.len };
	int fd = handle_fd(wb.handle);
	wb.ret = fd < 0 ? -EBADF : !iov.iov_base || wb.len > INT64_MAX ? -EFAULT
			     : write_all(fd, &iov, 1, (int64_t)wb.len, wb.offset);
	if (wb.ret >= 0 && (uint64_t)wb.ret < wb.len)
		wb.ret = -EIO;
	block->ret = wb.ret;
	block->len = 0;
}

int do_WBUF(struct guest *g, struct hc_buf *req)
{
	if (req->len != sizeof(struct hc_wbuf) || !guest_ptr(g, req->buf, req->len) || req->buf % 8) {
		req->ret = -EINVAL;
		return GO_ON;
	}
	wbuf_gpa = req->buf;
	wbuf_flush(g);
	req->ret = 0;
	return GO_ON;
}

void files_finish(struct guest *g)
{
	wbuf_flush(g);
}
