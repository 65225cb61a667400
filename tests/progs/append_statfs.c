/*
 * Appending to a file that already has content, on a mounted directory
 * (argv[1]): the position after stdio "a" streams, O_APPEND write, writev and
 * pwrite must be the file's new end. Then statfs/statvfs of "/" and of the
 * directories above the mount, which no mount covers. Prints only what
 * native and VM runs share.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/uio.h>
#include <unistd.h>

static long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long)st.st_size : -errno;
}

static void show(const char *what, long pos, const char *path)
{
	printf("%s: pos %ld size %ld\n", what, pos, file_size(path));
}

static void make(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(path);
		exit(1);
	}
}

static void stdio_append(const char *path)
{
	make(path, "0123456789");
	FILE *f = fopen(path, "a");
	if (!f) {
		perror("fopen a");
		exit(1);
	}
	fputs("abc", f);
	fflush(f);
	show("stdio a after flush", (long)ftello(f), path);
	fputs("defgh", f);
	fflush(f);
	show("stdio a again", (long)ftello(f), path);
	fclose(f);

	f = fopen(path, "a+");
	fputs("xy", f);
	fflush(f);
	show("stdio a+ after flush", (long)ftello(f), path);
	rewind(f);
	char buf[8] = { 0 };
	printf("a+ reads from start: %zu '%s'\n", fread(buf, 1, 4, f), buf);
	fclose(f);
}

static void raw_append(const char *path)
{
	make(path, "hello world\n");
	int fd = open(path, O_WRONLY | O_APPEND);
	show("open O_APPEND", (long)lseek(fd, 0, SEEK_CUR), path);
	printf("write: %zd\n", write(fd, "12345", 5));
	show("after write", (long)lseek(fd, 0, SEEK_CUR), path);
	printf("write small: %zd\n", write(fd, "ab", 2));
	printf("write small: %zd\n", write(fd, "cd", 2));
	show("after two small writes", (long)lseek(fd, 0, SEEK_CUR), path);
	struct iovec iov[2] = { { "vec", 3 }, { "tor", 3 } };
	printf("writev: %zd\n", writev(fd, iov, 2));
	show("after writev", (long)lseek(fd, 0, SEEK_CUR), path);
	printf("lseek 0: %ld\n", (long)lseek(fd, 0, SEEK_SET));
	printf("pwrite at 0: %zd\n", pwrite(fd, "PW", 2, 0));
	show("after pwrite", (long)lseek(fd, 0, SEEK_CUR), path);
	printf("lseek 3: %ld\n", (long)lseek(fd, 3, SEEK_SET));
	printf("write: %zd\n", write(fd, "Z", 1));
	show("after seek and write", (long)lseek(fd, 0, SEEK_CUR), path);
	static char big[300 * 1024];
	memset(big, 'b', sizeof(big));
	printf("big write: %zd\n", write(fd, big, sizeof(big)));
	show("after big write", (long)lseek(fd, 0, SEEK_CUR), path);
	printf("lseek end: %ld\n", (long)lseek(fd, 0, SEEK_END));
	close(fd);

	char text[32] = { 0 };
	fd = open(path, O_RDONLY);
	printf("start: %zd '%.*s'\n", read(fd, text, 16), 16, text);
	printf("tail: %ld\n", (long)pread(fd, text, 9, file_size(path) - 9 - (long)sizeof(big)));
	printf("tail text: '%.9s'\n", text);
	close(fd);
}

/* O_APPEND turned on by fcntl(F_SETFL) after open, then off again. */
static void setfl_append(const char *path)
{
	make(path, "abcdefgh");
	int fd = open(path, O_RDWR);
	printf("lseek 2: %ld\n", (long)lseek(fd, 2, SEEK_SET));
	printf("setfl append: %d\n", fcntl(fd, F_SETFL, O_APPEND));
	printf("write: %zd\n", write(fd, "XY", 2));
	show("after setfl append write", (long)lseek(fd, 0, SEEK_CUR), path);
	printf("pwrite at 0: %zd\n", pwrite(fd, "p", 1, 0));
	show("after setfl append pwrite", (long)lseek(fd, 0, SEEK_CUR), path);
	printf("setfl 0: %d\n", fcntl(fd, F_SETFL, 0));
	printf("lseek 1: %ld\n", (long)lseek(fd, 1, SEEK_SET));
	printf("write: %zd\n", write(fd, "Q", 1));
	show("after setfl 0 write", (long)lseek(fd, 0, SEEK_CUR), path);
	printf("pwrite at 0: %zd\n", pwrite(fd, "P", 1, 0));
	show("after pwrite", (long)lseek(fd, 0, SEEK_CUR), path);
	char text[16] = { 0 };
	printf("pread: %zd '%s'\n", pread(fd, text, sizeof(text) - 1, 0), text);
	close(fd);
}

static void fs_of(const char *path)
{
	struct statvfs v;
	struct statfs s;
	int r = statvfs(path, &v);
	printf("statvfs %s: %s", path, r ? strerror(errno) : "ok");
	if (!r)
		printf(" namemax %lu bsize>0 %d frsize>0 %d", (unsigned long)v.f_namemax, v.f_bsize > 0, v.f_frsize > 0);
	r = statfs(path, &s);
	printf("; statfs: %s", r ? strerror(errno) : "ok");
	if (!r)
		printf(" namelen %ld bsize>0 %d", (long)s.f_namelen, s.f_bsize > 0);
	struct stat st;
	r = stat(path, &st);
	printf("; stat: %s", r ? strerror(errno) : "ok");
	if (!r)
		printf(" dir %d", S_ISDIR(st.st_mode));
	printf("\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: append_statfs DIR\n");
		return 2;
	}
	char path[4096];
	snprintf(path, sizeof(path), "%s/append_stdio", argv[1]);
	stdio_append(path);
	unlink(path);
	snprintf(path, sizeof(path), "%s/append_raw", argv[1]);
	raw_append(path);
	unlink(path);
	snprintf(path, sizeof(path), "%s/append_setfl", argv[1]);
	setfl_append(path);
	unlink(path);

	fs_of("/");
	/* Each directory leading down to the mount. */
	snprintf(path, sizeof(path), "%s", argv[1]);
	for (char *slash = path + 1; (slash = strchr(slash, '/')); slash++) {
		*slash = 0;
		fs_of(path);
		*slash = '/';
	}
	fs_of(argv[1]);
	return 0;
}
