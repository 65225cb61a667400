/*
 * Calls real programs make that need no real work: fadvise64, the
 * extended-attribute calls and wait4/waitid without children. Each is made on
 * a file in a mounted directory (argv[1]), a symlink, a pipe, a device, /proc
 * and bad inputs, printing the result and errno's name, for a native
 * comparison. The kernel answers as a Linux file system without xattrs; a
 * native tmpfs or ext4 has them, so for a user.* name on the mount's own
 * regular files and directories only "no value" (ENODATA or EOPNOTSUPP) and
 * "set or refused" are printed; /proc (no xattrs natively either) and
 * the cases Linux decides before asking the file system are compared exactly.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#define BAD ((void *)8) /* an address never mapped */

static const char *errname(int e)
{
	switch (e) {
	case 0: return "0";
	case EBADF: return "EBADF";
	case ESPIPE: return "ESPIPE";
	case EINVAL: return "EINVAL";
	case ENOENT: return "ENOENT";
	case ENOTDIR: return "ENOTDIR";
	case EFAULT: return "EFAULT";
	case ENODATA: return "ENODATA";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case ERANGE: return "ERANGE";
	case E2BIG: return "E2BIG";
	case ENAMETOOLONG: return "ENAMETOOLONG";
	case ECHILD: return "ECHILD";
	case ESRCH: return "ESRCH";
	case ELOOP: return "ELOOP";
	case ENOSYS: return "ENOSYS";
	default: return strerror(e);
	}
}

static void show(const char *what, long r)
{
	if (r < 0)
		printf("%s: -1 %s\n", what, errname(errno));
	else
		printf("%s: %ld\n", what, r);
}

/* A user.* name on a mounted file: native file systems have it, the kernel does not. */
static void show_absent(const char *what, long r)
{
	if (r < 0 && (errno == ENODATA || errno == EOPNOTSUPP))
		printf("%s: no value\n", what);
	else
		show(what, r);
}

static long fadvise(int fd, long offset, long len, int advice)
{
	return syscall(SYS_fadvise64, fd, offset, len, advice);
}

static void test_fadvise(const char *file)
{
	int fd = open(file, O_RDWR), p[2], s[2];
	char buf[64];
	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, s);
	for (int advice = -1; advice <= 6; advice++) {
		snprintf(buf, sizeof(buf), "fadvise file advice %d", advice);
		show(buf, fadvise(fd, 0, 100, advice));
	}
	show("fadvise file negative len", fadvise(fd, 0, -1, POSIX_FADV_NORMAL));
	show("fadvise file negative offset", fadvise(fd, -10, 5, POSIX_FADV_WILLNEED));
	show("fadvise file len 0 past the end", fadvise(fd, 1L << 40, 0, POSIX_FADV_DONTNEED));
	show("fadvise bad fd", fadvise(-1, 0, 0, POSIX_FADV_NORMAL));
	show("fadvise closed fd", fadvise(900, 0, 0, 99));
	show("fadvise pipe", fadvise(p[0], 0, 0, POSIX_FADV_NORMAL));
	show("fadvise pipe bad advice and len", fadvise(p[1], 0, -1, 99));
	show("fadvise socket", fadvise(s[0], 0, 0, POSIX_FADV_SEQUENTIAL));
	show("fadvise socket bad advice", fadvise(s[0], 0, 0, 99));
	int null = open("/dev/null", O_RDONLY);
	show("fadvise /dev/null", fadvise(null, 0, 0, POSIX_FADV_RANDOM));
	show("fadvise /dev/null bad advice", fadvise(null, 0, 0, 7));
	printf("posix_fadvise file: %s\n", errname(posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)));
	printf("posix_fadvise pipe: %s\n", errname(posix_fadvise(p[0], 0, 0, POSIX_FADV_SEQUENTIAL)));
	close(null);
	close(fd);
	close(p[0]);
	close(p[1]);
	close(s[0]);
	close(s[1]);
}

/* Every call of the family on one path (or its descriptor) with one name. */
static void xattr_all(const char *label, const char *path, int fd, const char *name, int exact)
{
	char what[256], value[16];
	void (*out)(const char *, long) = exact ? show : show_absent;
	snprintf(what, sizeof(what), "%s %s getxattr", label, name);
	out(what, getxattr(path, name, value, sizeof(value)));
	snprintf(what, sizeof(what), "%s %s lgetxattr", label, name);
	out(what, lgetxattr(path, name, value, sizeof(value)));
	snprintf(what, sizeof(what), "%s %s fgetxattr", label, name);
	out(what, fgetxattr(fd, name, value, sizeof(value)));
	snprintf(what, sizeof(what), "%s %s removexattr", label, name);
	out(what, removexattr(path, name));
	snprintf(what, sizeof(what), "%s %s lremovexattr", label, name);
	out(what, lremovexattr(path, name));
	snprintf(what, sizeof(what), "%s %s fremovexattr", label, name);
	out(what, fremovexattr(fd, name));
	long set[3] = { setxattr(path, name, "v", 1, 0), lsetxattr(path, name, "v", 1, XATTR_CREATE),
			fsetxattr(fd, name, "v", 1, 0) };
	for (int i = 0; i < 3; i++) {
		snprintf(what, sizeof(what), "%s %s %ssetxattr", label, name, i == 0 ? "" : i == 1 ? "l" : "f");
		if (exact)
			show(what, set[i]);
		else
			printf("%s: %s\n", what,
			       set[i] == 0 || errno == EOPNOTSUPP || errno == EEXIST ? "set or refused" : errname(errno));
	}
	if (!exact)
		removexattr(path, name);
}

static void lists(const char *label, const char *path, int fd)
{
	char what[256], list[256];
	snprintf(what, sizeof(what), "%s listxattr", label);
	show(what, listxattr(path, list, sizeof(list)));
	snprintf(what, sizeof(what), "%s llistxattr size 0", label);
	show(what, llistxattr(path, 0, 0));
	snprintf(what, sizeof(what), "%s flistxattr", label);
	show(what, flistxattr(fd, list, sizeof(list)));
	snprintf(what, sizeof(what), "%s listxattr to a bad buffer", label);
	show(what, syscall(SYS_listxattr, path, BAD, 100));
}

static void test_xattr(const char *dir, const char *file)
{
	char link[PATH_MAX], notdir[PATH_MAX + 2], missing[PATH_MAX], longname[300], value[8];
	snprintf(link, sizeof(link), "%s/link", dir);
	snprintf(notdir, sizeof(notdir), "%s/x", file);
	snprintf(missing, sizeof(missing), "%s/missing", dir);
	symlink("file", link);
	int fd = open(file, O_RDONLY), dfd = open(dir, O_RDONLY | O_DIRECTORY), p[2];
	pipe(p);

	xattr_all("file", file, fd, "user.test", 0);
	xattr_all("file", file, fd, "other.test", 1);
	xattr_all("dir", dir, dfd, "user.test", 0);
	lists("file", file, fd);
	lists("dir", dir, dfd);
	/* Through the link: the l* calls see the link itself, not a regular file. */
	show("link user.test lgetxattr", lgetxattr(link, "user.test", value, sizeof(value)));
	show("link user.test lsetxattr", lsetxattr(link, "user.test", "v", 1, 0));
	show("link user.test lremovexattr", lremovexattr(link, "user.test"));
	show("link llistxattr", llistxattr(link, value, sizeof(value)));
	show_absent("link user.test getxattr", getxattr(link, "user.test", value, sizeof(value)));

	/* Kinds that cannot have user.* attributes at all. */
	xattr_all("/dev/null and a pipe", "/dev/null", p[0], "user.test", 1);
	xattr_all("/dev/null and a pipe", "/dev/null", p[1], "other.test", 1);
	show("pipe flistxattr", flistxattr(p[0], value, sizeof(value)));
	show("/dev/null listxattr", listxattr("/dev/null", value, sizeof(value)));

	/* /proc has no xattrs natively either. */
	int pfd = open("/proc/self/fd", O_RDONLY | O_DIRECTORY);
	show("/proc/self/fd user.test getxattr", getxattr("/proc/self/fd", "user.test", value, sizeof(value)));
	show("/proc/self/fd user.test fgetxattr", fgetxattr(pfd, "user.test", value, sizeof(value)));
	show("/proc/self/fd listxattr", listxattr("/proc/self/fd", value, sizeof(value)));
	show("/proc/meminfo user.test getxattr", getxattr("/proc/meminfo", "user.test", value, sizeof(value)));
	show("/proc/meminfo listxattr", listxattr("/proc/meminfo", value, sizeof(value)));
	close(pfd);

	/* Bad inputs, and which error Linux gives first. */
	memset(longname, 'n', sizeof(longname));
	memcpy(longname, "user.", 5);
	longname[255] = 0;
	show_absent("name of 255 bytes", getxattr(file, longname, value, sizeof(value)));
	longname[255] = 'n';
	longname[256] = 0;
	show("name of 256 bytes", getxattr(file, longname, value, sizeof(value)));
	show("empty name", getxattr(file, "", value, sizeof(value)));
	show("bad name pointer", getxattr(file, BAD, value, sizeof(value)));
	show("bad name and missing path", getxattr(missing, "", value, sizeof(value)));
	show("missing path", getxattr(missing, "user.test", value, sizeof(value)));
	show("empty path", getxattr("", "user.test", value, sizeof(value)));
	show("bad path pointer", lgetxattr(BAD, "user.test", value, sizeof(value)));
	show("path through a file", getxattr(notdir, "user.test", value, sizeof(value)));
	show("list of a missing path", listxattr(missing, value, sizeof(value)));
	show("list of a bad path pointer", llistxattr(BAD, value, sizeof(value)));
	show("remove from a missing path", removexattr(missing, "user.test"));
	show("remove with an empty name", lremovexattr(file, ""));
	show("fgetxattr bad fd", fgetxattr(-1, "user.test", value, sizeof(value)));
	show("fgetxattr bad fd and name", fgetxattr(-1, "", value, sizeof(value)));
	show("fgetxattr bad name", fgetxattr(fd, BAD, value, sizeof(value)));
	show("fgetxattr huge size", syscall(SYS_fgetxattr, fd, "other.test", value, 1UL << 40));
	show("fremovexattr bad fd and name", fremovexattr(-1, ""));
	show("fsetxattr bad fd and name", fsetxattr(-1, "", "v", 1, 0));
	show("flistxattr closed fd", flistxattr(900, value, sizeof(value)));
	show("fremovexattr closed fd", fremovexattr(900, "user.test"));
	show("fsetxattr closed fd", fsetxattr(900, "user.test", "v", 1, 0));
	show("fsetxattr closed fd bad flags", fsetxattr(900, "user.test", "v", 1, 4));
	show("setxattr bad flags", setxattr(file, "other.test", "v", 1, 4));
	show("setxattr bad flags missing path", setxattr(missing, "", "v", 1, 4));
	show("setxattr create and replace", setxattr(file, "other.test", "v", 1, XATTR_CREATE | XATTR_REPLACE));
	show("setxattr value too big", syscall(SYS_setxattr, missing, "user.test", value, 65537, 0));
	show("setxattr largest value", syscall(SYS_setxattr, file, "other.test", BAD, 65536, 0));
	show("setxattr bad value", syscall(SYS_setxattr, missing, "user.test", BAD, 1, 0));
	show("setxattr empty value", setxattr(file, "other.test", 0, 0, 0));
	show("setxattr missing path", setxattr(missing, "user.test", "v", 1, 0));
	show("lsetxattr empty name", lsetxattr(file, "", "v", 1, 0));
	close(fd);
	close(dfd);
	close(p[0]);
	close(p[1]);
}

static void test_wait(void)
{
	int status = 12345;
	siginfo_t si;
	show("wait4 any", syscall(SYS_wait4, -1, &status, 0, 0));
	show("wait4 WNOHANG", syscall(SYS_wait4, -1, &status, WNOHANG, 0));
	show("wait4 a pid", syscall(SYS_wait4, 4242, 0, __WALL | WUNTRACED | WCONTINUED, 0));
	show("wait4 own group", syscall(SYS_wait4, 0, BAD, 0, BAD));
	show("wait4 a group", syscall(SYS_wait4, -4242, 0, __WCLONE, 0));
	show("wait4 INT_MIN", syscall(SYS_wait4, INT_MIN, 0, 0, 0));
	show("wait4 bad options", syscall(SYS_wait4, -1, 0, 0x1000, 0));
	show("wait4 WEXITED", syscall(SYS_wait4, -1, 0, WEXITED, 0));
	show("wait4 bad options INT_MIN", syscall(SYS_wait4, INT_MIN, 0, WNOWAIT, 0));
	printf("status untouched: %d\n", status == 12345);
	show("wait", wait(&status));
	show("waitpid", waitpid(-1, &status, WNOHANG));

	memset(&si, 0x55, sizeof(si));
	show("waitid P_ALL", syscall(SYS_waitid, P_ALL, 0, &si, WEXITED, 0));
	printf("  signo %d errno %d code %d pid %d uid %d status %d\n", si.si_signo, si.si_errno, si.si_code,
	       si.si_pid, (int)si.si_uid, si.si_status);
	show("waitid P_PID", syscall(SYS_waitid, P_PID, 4242, 0, WEXITED | WNOHANG | WNOWAIT, 0));
	show("waitid P_PGID 0", syscall(SYS_waitid, P_PGID, 0, 0, WSTOPPED, BAD));
	show("waitid P_PID 0", syscall(SYS_waitid, P_PID, 0, 0, WEXITED, 0));
	show("waitid P_PGID -1", syscall(SYS_waitid, P_PGID, -1, 0, WEXITED, 0));
	show("waitid P_PIDFD -1", syscall(SYS_waitid, P_PIDFD, -1, 0, WEXITED, 0));
	show("waitid P_PIDFD closed", syscall(SYS_waitid, P_PIDFD, 900, 0, WEXITED, 0));
	show("waitid P_PIDFD stdin", syscall(SYS_waitid, P_PIDFD, 0, 0, WEXITED, 0));
	show("waitid bad which", syscall(SYS_waitid, 99, 0, 0, WEXITED, 0));
	show("waitid no event", syscall(SYS_waitid, P_ALL, 0, 0, WNOHANG, 0));
	show("waitid bad options", syscall(SYS_waitid, P_ALL, 0, 0, WEXITED | 0x100, 0));
	show("waitid bad infop", syscall(SYS_waitid, P_ALL, 0, BAD, WEXITED, 0));
	show("waitid bad infop and options", syscall(SYS_waitid, P_ALL, 0, BAD, 0, 0));
	show("waitid bad rusage", syscall(SYS_waitid, P_ALL, 0, 0, WEXITED, BAD));
	memset(&si, 0x55, sizeof(si));
	show("waitid libc", waitid(P_ALL, 0, &si, WEXITED | WNOHANG));
}

int main(int argc, char **argv)
{
	char file[PATH_MAX];
	if (argc < 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	snprintf(file, sizeof(file), "%s/file", argv[1]);
	int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(fd, "some data\n", 10);
	close(fd);
	setvbuf(stdout, 0, _IOLBF, 0);
	test_fadvise(file);
	test_xattr(argv[1], file);
	test_wait();
	return 0;
}
