/*
 * /proc/self/fd in a mounted directory (argv[1]): the listing (one link per
 * open descriptor, in order), the links' modes from the access mode, what
 * they name, stat through them, opening them again (a pipe's: the same pipe),
 * /dev/fd and /dev/std*, and the errors. Prints what it sees, for a native
 * comparison.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int by_number(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void check(const char *what, long r)
{
	printf("%s: %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerror(errno) : "");
}

/* Each open descriptor as the directory lists it: number, link mode, and what it names. */
static void list(void)
{
	DIR *d = opendir("/proc/self/fd");
	int fds[64], n = 0, dots = 0;
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			dots += e->d_type == DT_DIR;
		else if (n < 64 && atoi(e->d_name) != dirfd(d))
			fds[n++] = atoi(e->d_name);
	}
	qsort(fds, (size_t)n, sizeof(fds[0]), by_number);
	printf("listing: %d entries besides the directory's own, %d dot directories\n", n, dots);
	for (int i = 0; i < n; i++) {
		char name[32], target[256];
		struct stat st;
		snprintf(name, sizeof(name), "%d", fds[i]);
		fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW);
		ssize_t len = readlinkat(dirfd(d), name, target, sizeof(target) - 1);
		target[len > 0 ? len : 0] = 0;
		/* Pipes name an inode number that differs between runs. */
		if (strncmp(target, "pipe:[", 6) == 0)
			strcpy(target, "pipe:[...]");
		/* The standard streams name the harness's files, which differ between the runs. */
		printf("  %s link %d mode %o -> %s\n", name, S_ISLNK(st.st_mode), st.st_mode & 0777,
		       fds[i] < 3 ? "(harness)" : strrchr(target, '/') ? strrchr(target, '/') + 1 : target);
	}
	if (d)
		closedir(d);
}

/* A pipe's link opens the same pipe, a socket's or an eventfd's none; /dev/fd and /dev/std* lead to the links. */
static void pipe_and_stream_links(const int *p)
{
	char path[64], buf[64] = { 0 };
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	int r = open(path, O_RDONLY | O_CLOEXEC);
	check("open of a pipe's read end link", r >= 0 ? 0 : -1);
	check("  its close-on-exec flag", fcntl(r, F_GETFD));
	snprintf(path, sizeof(path), "/dev/fd/%d", p[1]);
	int w = open(path, O_WRONLY);
	check("open of /dev/fd/N, the write end", w >= 0 ? 0 : -1);
	check("write through it", write(w, "through the pipe\n", 17));
	check("read through the other", read(r, buf, sizeof(buf) - 1));
	printf("  %s", buf);
	close(r);
	close(w);

	int sv[2], e = eventfd(0, 0);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", sv[0]);
	check("open of a socket's link", open(path, O_RDWR));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", e);
	check("open of an eventfd's link", open(path, O_RDWR));
	close(sv[0]);
	close(sv[1]);
	close(e);

	static const char *const links[] = { "/dev/stdin", "/dev/stdout", "/dev/stderr", "/dev/fd" };
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		ssize_t n = readlink(links[i], buf, sizeof(buf) - 1);
		buf[n > 0 ? n : 0] = 0;
		printf("readlink %s: %s\n", links[i], n > 0 ? buf : strerror(errno));
	}
	struct stat a, b;
	int in = open("/dev/stdin", O_RDONLY), out = open("/dev/stdout", O_WRONLY);
	check("open of /dev/stdin", in >= 0 ? 0 : -1);
	check("  read (stdin is /dev/null)", read(in, buf, sizeof(buf)));
	check("open of /dev/stdout", out >= 0 ? 0 : -1);
	fstat(out, &a);
	fstat(1, &b);
	printf("  the same file as descriptor 1: %d\n", a.st_dev == b.st_dev && a.st_ino == b.st_ino);
	check("stat of /dev/stdin", stat("/dev/stdin", &a));
	printf("  character device %d\n", S_ISCHR(a.st_mode));
	check("open of /dev/fd/999", open("/dev/fd/999", O_RDONLY));
	close(in);
	close(out);
}

int main(int argc, char **argv)
{
	if (argc != 2 || chdir(argv[1]) != 0)
		return 2;
	/* Only what this program opens, whatever the harness left open. */
	for (int fd = 3; fd < 1024; fd++)
		close(fd);
	int a = open("a.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(a, "hello, fd\n", 10);
	int ro = open("a.txt", O_RDONLY), wo = open("b.txt", O_WRONLY | O_CREAT, 0600);
	int gap = open("/dev/null", O_RDONLY), null = open("/dev/null", O_RDWR), p[2];
	pipe(p);
	dup2(ro, 20);
	close(gap);
	list();

	struct stat st, dir;
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", ro);
	check("stat through the link", stat(path, &st));
	printf("  regular %d size %lld\n", S_ISREG(st.st_mode), (long long)st.st_size);
	check("lstat of the link", lstat(path, &st));
	printf("  link %d size %lld\n", S_ISLNK(st.st_mode), (long long)st.st_size);
	check("stat of the directory", stat("/proc/self/fd", &dir));
	printf("  directory %d mode %o\n", S_ISDIR(dir.st_mode), dir.st_mode & 0777);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", null);
	check("stat of /dev/null through its link", stat(path, &st));
	printf("  character device %d\n", S_ISCHR(st.st_mode));

	/* Opening a link opens the file again, at an offset of its own. */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", a);
	int again = open(path, O_RDONLY);
	char buf[16] = { 0 };
	check("open of the link", again >= 0 ? 0 : -1);
	check("read from the reopened file", read(again, buf, sizeof(buf) - 1));
	printf("  %s", buf);
	close(again);
	check("open of a link with O_NOFOLLOW", open(path, O_RDONLY | O_NOFOLLOW));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", gap);
	check("open of a closed descriptor's link", open(path, O_RDONLY));
	check("lstat of a closed descriptor's link", lstat(path, &st));
	check("lstat of /proc/self/fd/007", lstat("/proc/self/fd/007", &st));
	check("lstat of /proc/self/fd/x", lstat("/proc/self/fd/x", &st));
	check("readlink of /proc/self/fd/9999", readlink("/proc/self/fd/9999", buf, sizeof(buf)));
	check("readlink of the directory", readlink("/proc/self/fd", buf, sizeof(buf)));
	check("open of the directory for writing", open("/proc/self/fd", O_WRONLY));

	int d = open("/proc/self/fd", O_RDONLY | O_DIRECTORY);
	char tiny[8];
	check("getdents64 into 8 bytes", syscall(SYS_getdents64, d, tiny, sizeof(tiny)));
	pipe_and_stream_links(p);
	close(p[0]);
	close(p[1]);
	close(wo);
	close(20);
	list();
	return 0;
}
