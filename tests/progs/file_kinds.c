/*
 * The calls on open files that each kind of descriptor answers in its own
 * way on Linux: fchmod, fchown, ftruncate, fallocate, lseek and fstatfs on
 * pipes, sockets and an eventfd, and lseek and statfs on the kernel's own
 * devices and /proc, and access(2) of them. Prints what it sees, for a native comparison; it
 * changes nothing a native run as root could harm (no device is written).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

static void check(const char *kind, const char *what, long r)
{
	printf("%s %s: %ld%s%s\n", kind, what, r, r < 0 ? " " : "", r < 0 ? strerror(errno) : "");
}

static void fs_type(const char *kind, long r, const struct statfs *st)
{
	printf("%s fstatfs: %ld type %lx\n", kind, r, r < 0 ? 0 : (unsigned long)st->f_type);
}

/* Every call here leaves these descriptors as they were. */
static void calls(const char *kind, int fd, int attrs)
{
	struct statfs st;
	if (attrs) {
		check(kind, "fchmod", fchmod(fd, 0600));
		check(kind, "fchown", fchown(fd, -1, -1));
	}
	check(kind, "ftruncate", ftruncate(fd, 0));
	check(kind, "fallocate", fallocate(fd, 0, 0, 10));
	check(kind, "fallocate bad range", fallocate(fd, 0, -1, 10));
	check(kind, "lseek cur", lseek(fd, 0, SEEK_CUR));
	check(kind, "lseek end", lseek(fd, 0, SEEK_END));
	fs_type(kind, fstatfs(fd, &st), &st);
}

/* Read-only: no attribute calls, which a native run as root would apply to the real files. */
static void own_file(const char *path)
{
	struct statfs st;
	int fd = open(path, O_RDONLY);
	check(path, "open", fd < 0 ? fd : 0);
	check(path, "lseek cur", lseek(fd, 0, SEEK_CUR));
	check(path, "lseek end", lseek(fd, 0, SEEK_END));
	check(path, "ftruncate", ftruncate(fd, 0));
	fs_type(path, fstatfs(fd, &st), &st);
	printf("%s statfs: %ld type %lx\n", path, (long)statfs(path, &st), (unsigned long)st.f_type);
	close(fd);
}

int main(void)
{
	int p[2], sv[2];
	if (pipe(p) || socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 1;
	calls("pipe read end", p[0], 1);
	calls("pipe write end", p[1], 1);
	calls("unix socket", sv[0], 1);
	calls("inet socket", socket(AF_INET, SOCK_STREAM, 0), 1);
	/* Linux before 6.15 lets root change an eventfd's mode: the answer depends on the host. */
	calls("eventfd", eventfd(0, 0), 0);
	own_file("/dev/null");
	own_file("/dev/urandom");
	own_file("/proc/meminfo");
	static const char *const own[] = { "/dev/null", "/dev/zero", "/dev/ptmx", "/dev/tty", "/dev/pts", "/proc/meminfo",
					    "/proc", "/proc/self/fd" };
	for (unsigned i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		printf("%s access F %d R %d W %d X %d\n", own[i], access(own[i], F_OK), access(own[i], R_OK),
		       access(own[i], W_OK), access(own[i], X_OK));
	printf("/dev/pts/4095 access: %s\n", access("/dev/pts/4095", F_OK) < 0 ? strerror(errno) : "ok");
	return 0;
}
