/*
 * More file calls on a mounted directory (argv[1]): record locks (POSIX and
 * OFD), fallocate, futimesat, the old getdents, and directory positions
 * (rewinddir, telldir/seekdir). Prints what it sees, for a native comparison.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static void check(const char *what, long r)
{
	printf("%s: %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerror(errno) : "");
}

static long lock(int fd, int cmd, short type, short whence, off_t start, off_t len, struct flock *out)
{
	struct flock fl = { .l_type = type, .l_whence = whence, .l_start = start, .l_len = len };
	long r = fcntl(fd, cmd, &fl);
	if (out)
		*out = fl;
	return r;
}

static void test_locks(void)
{
	int a = open("locked", O_RDWR | O_CREAT | O_TRUNC, 0644), b = open("locked", O_RDWR);
	int ro = open("locked", O_RDONLY);
	struct flock fl;
	write(a, "0123456789abcdefghij", 20);
	check("POSIX write lock", lock(a, F_SETLK, F_WRLCK, SEEK_SET, 0, 10, 0));
	check("POSIX GETLK from the same process", lock(b, F_GETLK, F_WRLCK, SEEK_SET, 0, 10, &fl));
	printf("  type unlocked: %d\n", fl.l_type == F_UNLCK);
	check("OFD lock on another range", lock(a, F_OFD_SETLK, F_WRLCK, SEEK_SET, 12, 4, 0));
	check("OFD lock conflicting", lock(b, F_OFD_SETLK, F_WRLCK, SEEK_SET, 13, 2, 0));
	check("OFD GETLK", lock(b, F_OFD_GETLK, F_RDLCK, SEEK_SET, 14, 1, &fl));
	printf("  type %s start %ld len %ld pid %d\n", fl.l_type == F_WRLCK ? "write" : "other", (long)fl.l_start,
	       (long)fl.l_len, fl.l_pid);
	check("OFD GETLK sees the POSIX lock", lock(b, F_OFD_GETLK, F_WRLCK, SEEK_SET, 2, 1, &fl));
	printf("  type %s start %ld len %ld pid positive %d\n", fl.l_type == F_WRLCK ? "write" : "other",
	       (long)fl.l_start, (long)fl.l_len, fl.l_pid > 0);
	check("OFD unlock", lock(a, F_OFD_SETLK, F_UNLCK, SEEK_SET, 12, 4, 0));
	check("OFD lock after unlock", lock(b, F_OFD_SETLK, F_WRLCK, SEEK_SET, 13, 2, 0));
	lseek(a, 18, SEEK_SET);
	check("POSIX lock from the position", lock(a, F_SETLK, F_RDLCK, SEEK_CUR, -2, 2, 0));
	check("  seen by OFD GETLK", lock(b, F_OFD_GETLK, F_WRLCK, SEEK_SET, 16, 4, &fl));
	printf("  type %s start %ld len %ld\n", fl.l_type == F_RDLCK ? "read" : "other", (long)fl.l_start,
	       (long)fl.l_len);
	check("write lock on a read-only descriptor", lock(ro, F_SETLK, F_WRLCK, SEEK_SET, 0, 1, 0));
	check("bad lock type", lock(a, F_SETLK, 99, SEEK_SET, 0, 1, 0));
	check("lock before the start", lock(a, F_SETLK, F_RDLCK, SEEK_CUR, -100, 1, 0));
	check("bad pointer", fcntl(a, F_SETLK, (struct flock *)8));
	close(a);
	close(b);
	close(ro);
}

static void test_fallocate(void)
{
	int fd = open("falloc", O_RDWR | O_CREAT | O_TRUNC, 0644);
	struct stat st;
	check("fallocate 8192", fallocate(fd, 0, 0, 8192));
	fstat(fd, &st);
	printf("  size %ld\n", (long)st.st_size);
	check("fallocate keep size", fallocate(fd, FALLOC_FL_KEEP_SIZE, 8192, 4096));
	fstat(fd, &st);
	printf("  size %ld\n", (long)st.st_size);
	check("fallocate negative length", fallocate(fd, 0, 0, -1));
	int ro = open("falloc", O_RDONLY), p[2];
	check("fallocate read-only", fallocate(ro, 0, 0, 10));
	pipe(p);
	check("fallocate pipe", fallocate(p[1], 0, 0, 10));
	check("fallocate closed", fallocate(99, 0, 0, 10));
	close(fd);
	close(ro);
	close(p[0]);
	close(p[1]);
}

static void test_futimesat(void)
{
	struct timeval tv[2] = { { 1000000000, 250000 }, { 1100000000, 500000 } };
	struct stat st;
	close(open("stamped", O_CREAT | O_WRONLY, 0644));
	check("futimesat", syscall(SYS_futimesat, AT_FDCWD, "stamped", tv));
	stat("stamped", &st);
	printf("  atime %ld.%09ld mtime %ld.%09ld\n", (long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
	       (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	tv[0].tv_usec = 1000000;
	check("futimesat bad usec", syscall(SYS_futimesat, AT_FDCWD, "stamped", tv));
	tv[0].tv_usec = 0;
	check("futimesat missing", syscall(SYS_futimesat, AT_FDCWD, "nothing-here", tv));
}

static int cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static void test_dirs(void)
{
	mkdir("d", 0755);
	for (int i = 0; i < 40; i++) {
		char name[32];
		snprintf(name, sizeof(name), "d/entry-%02d", i);
		close(open(name, O_CREAT | O_WRONLY, 0644));
	}
	mkdir("d/sub", 0755);
	/* The old getdents: names and types. */
	int fd = open("d", O_RDONLY | O_DIRECTORY);
	char buf[4096], *names[64];
	int n = 0;
	long got;
	while ((got = syscall(SYS_getdents, fd, buf, sizeof(buf))) > 0)
		for (long at = 0; at < got;) {
			unsigned short reclen;
			memcpy(&reclen, buf + at + 16, sizeof(reclen));
			char *name = buf + at + 18;
			char type = buf[at + reclen - 1];
			char *line = malloc(64);
			snprintf(line, 64, "%s %s", name, type == DT_DIR ? "dir" : type == DT_REG ? "file" : "other");
			names[n++] = line;
			at += reclen;
		}
	qsort(names, (size_t)n, sizeof(names[0]), cmp);
	printf("getdents: %d entries:", n);
	for (int i = 0; i < n; i++)
		printf(" [%s]", names[i]);
	printf("\n");
	check("getdents on a file", syscall(SYS_getdents, 0, buf, sizeof(buf)));
	close(fd);

	/* Positions: rewinddir starts again, seekdir goes back to a telldir. */
	DIR *d = opendir("d");
	int first = 0;
	while (readdir(d))
		first++;
	rewinddir(d);
	int again = 0;
	while (readdir(d))
		again++;
	printf("rewinddir: %d then %d\n", first, again);
	rewinddir(d);
	for (int i = 0; i < 5; i++)
		readdir(d);
	long pos = telldir(d);
	char want[256];
	snprintf(want, sizeof(want), "%s", readdir(d)->d_name);
	for (int i = 0; i < 20; i++)
		readdir(d);
	seekdir(d, pos);
	struct dirent *e = readdir(d);
	printf("seekdir back to the same entry: %d\n", e && strcmp(e->d_name, want) == 0);
	closedir(d);
}

static void show_link(const char *what, int fd, int prefix_only)
{
	char path[64], target[4096];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	if (n < 0) {
		printf("%s: %s\n", what, strerror(errno));
		return;
	}
	target[n] = 0;
	if (prefix_only)
		target[prefix_only] = 0;
	printf("%s: %s\n", what, target);
}

static void test_proc_fd(const char *dir)
{
	int f = open("locked", O_RDONLY), p[2], n = open("/dev/null", O_RDONLY);
	pipe(p);
	char want[4096], link[64], target[4096];
	snprintf(want, sizeof(want), "%s/locked", dir);
	snprintf(link, sizeof(link), "/proc/self/fd/%d", f);
	ssize_t len = readlink(link, target, sizeof(target) - 1);
	printf("file: %d\n", len == (ssize_t)strlen(want) && memcmp(target, want, (size_t)len) == 0);
	show_link("pipe", p[0], 6);
	show_link("/dev/null", n, 0);
	show_link("standard input", 0, 0);
	show_link("closed", 99, 0);
	close(f);
	close(n);
	close(p[0]);
	close(p[1]);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IONBF, 0);
	if (argc != 2 || chdir(argv[1]) != 0)
		return 2;
	test_locks();
	test_fallocate();
	test_futimesat();
	test_dirs();
	test_proc_fd(argv[1]);
	return 0;
}
