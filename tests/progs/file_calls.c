/* Checks the file syscalls and their errors in the directory given as argv[1], cleaning up after itself. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/statfs.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static void show(const char *what, long r)
{
	printf("%-28s %ld %s\n", what, r, r < 0 ? strerror(errno) : "");
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *dir)
{
	DIR *d = opendir(dir);
	char *names[64];
	int n = 0;
	struct dirent *e;
	if (!d) {
		show("opendir", -1);
		return;
	}
	while ((e = readdir(d)) && n < 64)
		names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof(names[0]), by_name);
	printf("entries:");
	for (int i = 0; i < n; i++) {
		printf(" %s", names[i]);
		free(names[i]);
	}
	printf("\n");
}

int main(int argc, char **argv)
{
	char buf[256];
	struct stat st;
	int ready = -1;
	if (argc != 2 || chdir(argv[1]) != 0)
		return 2;
	umask(022);
	int fd = open("f1", O_CREAT | O_EXCL | O_RDWR, 0666);
	show("open create", fd >= 0 ? 0 : -1);
	show("write", write(fd, "hello, files\n", 13));
	show("lseek cur", lseek(fd, 0, SEEK_CUR));
	show("lseek set 7", lseek(fd, 7, SEEK_SET));
	show("read", read(fd, buf, sizeof(buf)));
	show("pwrite at 20", pwrite(fd, "tail", 4, 20));
	show("lseek end", lseek(fd, 0, SEEK_END));
	memset(buf, 0, sizeof(buf));
	show("pread hole", pread(fd, buf, 24, 0));
	printf("hole byte %d, tail %.4s\n", buf[15], buf + 20);
	show("fstat", fstat(fd, &st));
	printf("mode %o size %lld nlink %lu\n", st.st_mode, (long long)st.st_size, (unsigned long)st.st_nlink);
	int fd2 = dup(fd);
	show("dup is lowest", fd2 == fd + 1);
	show("dup2 to 10", dup2(fd, 10));
	show("fcntl dupfd 20", fcntl(fd, F_DUPFD, 20));
	show("fcntl setfd", fcntl(fd, F_SETFD, FD_CLOEXEC));
	show("fcntl getfd", fcntl(fd, F_GETFD));
	show("fcntl getfl accmode", fcntl(fd, F_GETFL) & O_ACCMODE);
	show("close", close(fd));
	show("close again", close(fd));
	show("read closed", read(fd, buf, 1));
	show("open existing excl", open("f1", O_CREAT | O_EXCL | O_WRONLY, 0600));
	show("open missing", open("nope", O_RDONLY));
	show("open dir for write", open(".", O_WRONLY));
	show("open file as dir", open("f1/x", O_RDONLY));
	show("open O_DIRECTORY on file", open("f1", O_RDONLY | O_DIRECTORY));
	memset(buf, 'a', sizeof(buf));
	char longname[PATH_MAX + 10];
	memset(longname, 'n', sizeof(longname));
	longname[sizeof(longname) - 1] = 0;
	show("open too long", open(longname, O_RDONLY));
	show("mkdir", mkdir("d1", 0755));
	show("mkdir again", mkdir("d1", 0755));
	show("rename", rename("f1", "d1/f2"));
	show("rename missing", rename("f1", "f3"));
	show("stat renamed", stat("d1/f2", &st));
	show("access r", access("d1/f2", R_OK));
	show("access missing", access("f1", F_OK));
	show("symlink", symlink("d1/f2", "s1"));
	show("readlink", readlink("s1", buf, sizeof(buf)));
	show("lstat is link", lstat("s1", &st) == 0 && S_ISLNK(st.st_mode));
	show("stat follows", stat("s1", &st) == 0 && S_ISREG(st.st_mode));
	show("link", link("d1/f2", "h1"));
	show("stat nlink 2", stat("h1", &st) == 0 && st.st_nlink == 2);
	show("truncate", truncate("h1", 5));
	show("chmod", chmod("h1", 0600));
	show("stat mode", stat("h1", &st) == 0 ? (long)(st.st_mode & 0777) : -1);
	show("rmdir nonempty", rmdir("d1"));
	show("unlink dir", unlink("d1"));
	list(".");
	list("d1");
	show("chdir d1", chdir("d1"));
	show("getcwd ends d1", getcwd(buf, sizeof(buf)) && strcmp(buf + strlen(buf) - 3, "/d1") == 0);
	show("chdir ..", chdir(".."));
	show("chdir file", chdir("h1"));
	show("unlink s1", unlink("s1"));
	show("unlink h1", unlink("h1"));
	show("unlinkat f2", unlinkat(AT_FDCWD, "d1/f2", 0));
	show("unlinkat d1", unlinkat(AT_FDCWD, "d1", AT_REMOVEDIR));
	list(".");

	int a = open("cf1", O_CREAT | O_RDWR | O_TRUNC, 0644), b = open("cf2", O_CREAT | O_RDWR | O_TRUNC, 0644);
	show("write source", write(a, "0123456789", 10));
	off_t in = 2;
	show("copy_file_range", copy_file_range(a, &in, b, NULL, 5, 0));
	show("offset after", in);
	in = 0;
	show("sendfile", sendfile(b, a, &in, 3));
	char v1[4] = { 0 }, v2[8] = { 0 };
	struct iovec iov[2] = { { v1, 3 }, { v2, 7 } };
	show("preadv", preadv(b, iov, 2, 1));
	printf("preadv got %s|%s\n", v1, v2);
	show("pwritev", pwritev(a, iov, 2, 8));
	show("pread after", pread(a, buf, 32, 0));
	printf("file %.18s\n", buf);
	show("sendfile to stdout", sendfile(1, a, NULL, 4));
	printf("\n");
	show("copy to O_APPEND", copy_file_range(a, NULL, open("cf1", O_WRONLY | O_APPEND), NULL, 1, 0));
	struct statfs sf, sf2;
	show("statfs", statfs(".", &sf));
	show("fstatfs", fstatfs(a, &sf2));
	show("same file system", sf.f_type == sf2.f_type && sf.f_bsize == sf2.f_bsize);
	show("flock ex", flock(a, LOCK_EX | LOCK_NB));
	show("flock bad", flock(a, 99));
	show("flock un", flock(a, LOCK_UN));
	lseek(a, 3, SEEK_SET);
	show("FIONREAD file", ioctl(a, FIONREAD, &ready));
	show("ready", ready);
	show("unlink cf1", unlink("cf1"));
	show("unlink cf2", unlink("cf2"));

	int p[2], q[2];
	show("pipe", pipe(p));
	show("pipe is fifo", fstat(p[0], &st) == 0 && S_ISFIFO(st.st_mode));
	show("write pipe", write(p[1], "abcdef", 6));
	show("read pipe", read(p[0], buf, 4));
	show("read rest", read(p[0], buf, 10));
	show("set nonblock", fcntl(p[0], F_SETFL, O_NONBLOCK));
	show("read empty", read(p[0], buf, 10));
	show("lseek pipe", lseek(p[0], 0, SEEK_SET));
	write(p[1], "xyz", 3);
	show("FIONREAD pipe", ioctl(p[0], FIONREAD, &ready));
	show("ready", ready);
	read(p[0], buf, 3);
	show("FIOCLEX", ioctl(p[0], FIOCLEX));
	show("cloexec now", fcntl(p[0], F_GETFD));
	show("close writer", close(p[1]));
	show("read eof", read(p[0], buf, 10));
	show("pipe2 bad flags", pipe2(q, O_APPEND));
	show("pipe2", pipe2(q, O_CLOEXEC | O_NONBLOCK));
	show("pipe2 cloexec", fcntl(q[1], F_GETFD));
	memset(buf, 'x', sizeof(buf));
	long filled = 0, n;
	while ((n = write(q[1], buf, sizeof(buf))) > 0)
		filled += n;
	show("fill until full", n);
	show("filled at least 4096", filled >= 4096);
	show("close reader", close(q[0]));
	signal(SIGPIPE, SIG_IGN);
	show("write without reader", write(q[1], "x", 1));
	return 0;
}
