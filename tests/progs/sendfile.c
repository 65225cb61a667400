/*
 * sendfile, splice and copy_file_range on a mounted directory (argv[1]): a
 * file with a known pattern sent to a file, an AF_UNIX socket, a TCP
 * loopback connection and a pipe, with and without an offset, and spliced
 * file -> pipe -> socket and pipe -> file. Prints counts, positions and
 * errors, and whether the bytes arrived intact, for a native comparison.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define SIZE (300 * 1024)

static unsigned char pattern(long i)
{
	return (unsigned char)(i * 7 + i / 251);
}

static void check(const char *what, long r)
{
	printf("%s: %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerror(errno) : "");
}

static long pos(int fd)
{
	return (long)lseek(fd, 0, SEEK_CUR);
}

/* Are the len bytes at buf the pattern's from byte start on (the file over and over)? */
static int intact(const unsigned char *buf, long start, long len)
{
	for (long i = 0; i < len; i++)
		if (buf[i] != pattern((start + i) % SIZE))
			return 0;
	return 1;
}

static int read_full(int fd, unsigned char *buf, long len)
{
	long got = 0;
	while (got < len) {
		long r = read(fd, buf + got, (size_t)(len - got));
		if (r <= 0)
			break;
		got += r;
	}
	return got == len;
}

struct reader {
	int fd;
	long start, len;
	int ok;
};

static void *reader_main(void *arg)
{
	struct reader *r = arg;
	unsigned char *buf = malloc((size_t)r->len);
	r->ok = read_full(r->fd, buf, r->len) && intact(buf, r->start, r->len);
	free(buf);
	return 0;
}

static void start_reader(pthread_t *t, struct reader *r, int fd, long start, long len)
{
	*r = (struct reader){ fd, start, len, 0 };
	pthread_create(t, 0, reader_main, r);
}

static int file_intact(const char *name, long start, long at, long len)
{
	unsigned char *buf = malloc((size_t)len);
	int fd = open(name, O_RDONLY);
	int ok = pread(fd, buf, (size_t)len, at) == len && intact(buf, start, len);
	close(fd);
	free(buf);
	return ok;
}

static void tcp_pair(int sv[2])
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM, 0);
	bind(l, (struct sockaddr *)&a, sizeof(a));
	listen(l, 1);
	getsockname(l, (struct sockaddr *)&a, &alen);
	sv[0] = socket(AF_INET, SOCK_STREAM, 0);
	connect(sv[0], (struct sockaddr *)&a, sizeof(a));
	sv[1] = accept(l, 0, 0);
	close(l);
}

static void to_files(int src)
{
	int dst = open("dst", O_RDWR | O_CREAT | O_TRUNC, 0644);
	off_t off = 5000;
	lseek(src, 0, SEEK_SET);
	check("sendfile file->file, no offset", sendfile(dst, src, 0, 100000));
	printf("  in position %ld, out position %ld\n", pos(src), pos(dst));
	check("sendfile file->file, offset 5000", sendfile(dst, src, &off, 70000));
	printf("  offset %ld, in position %ld, out position %ld\n", (long)off, pos(src), pos(dst));
	printf("  intact %d %d\n", file_intact("dst", 0, 0, 100000), file_intact("dst", 5000, 100000, 70000));
	off = SIZE - 100;
	check("sendfile past the end, count capped by the file", sendfile(dst, src, &off, 1000));
	check("sendfile at the end", sendfile(dst, src, &off, 1000));
	check("sendfile count 0", sendfile(dst, src, 0, 0));
	close(dst);
}

static void to_unix(int src)
{
	int sv[2];
	pthread_t t;
	struct reader r;
	off_t off = 1234;
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	check("sendfile file->unix, partial count", sendfile(sv[0], src, &off, 1000));
	printf("  offset %ld\n", (long)off);
	start_reader(&t, &r, sv[1], 1234, SIZE - 1234);
	long total = 1000;
	while (total < SIZE - 1234) {
		long n = sendfile(sv[0], src, &off, SIZE);
		if (n <= 0)
			break;
		total += n;
	}
	pthread_join(t, 0);
	printf("  unix total %ld, offset %ld, intact %d\n", total, (long)off, r.ok);
	close(sv[0]);
	close(sv[1]);
}

static void to_tcp(int src)
{
	int sv[2];
	pthread_t t;
	struct reader r;
	tcp_pair(sv);
	lseek(src, 0, SEEK_SET);
	start_reader(&t, &r, sv[1], 0, SIZE);
	long total = 0, n;
	while (total < SIZE && (n = sendfile(sv[0], src, 0, SIZE)) > 0)
		total += n;
	pthread_join(t, 0);
	printf("tcp total %ld, in position %ld, intact %d\n", total, pos(src), r.ok);

	/* Non-blocking with nobody reading: some, then EAGAIN (the file sent over and over). */
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	off_t off = 0;
	long first = sendfile(sv[0], src, &off, SIZE), sent = first;
	while ((n = sendfile(sv[0], src, &off, SIZE)) >= 0) {
		sent += n;
		if (off == SIZE)
			off = 0;
	}
	printf("tcp non-blocking: first %s, then %s\n", first > 0 ? "some" : "none", strerror(errno));
	unsigned char *buf = malloc((size_t)sent);
	printf("  offset follows %d, drained intact %d\n", off == sent % SIZE,
	       read_full(sv[1], buf, sent) && intact(buf, 0, sent));
	free(buf);
	close(sv[0]);
	close(sv[1]);
}

static void to_pipe(int src)
{
	int p[2];
	unsigned char buf[4096];
	off_t off = 777;
	pipe(p);
	check("sendfile file->pipe, offset 777", sendfile(p[1], src, &off, 1000));
	printf("  offset %ld, intact %d\n", (long)off, read_full(p[0], buf, 1000) && intact(buf, 777, 1000));
	lseek(src, 50, SEEK_SET);
	check("sendfile file->pipe, no offset", sendfile(p[1], src, 0, 2000));
	printf("  in position %ld, intact %d\n", pos(src), read_full(p[0], buf, 2000) && intact(buf, 50, 2000));
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	long n, total = 0;
	while ((n = sendfile(p[1], src, 0, SIZE)) > 0)
		total += n;
	printf("  full non-blocking pipe: %s, in position follows %d\n", strerror(errno), pos(src) == 2050 + total);
	close(p[0]);
	check("sendfile to a pipe without readers", sendfile(p[1], src, 0, 10));
	close(p[1]);
}

static void errors(int src)
{
	int p[2], sv[2], dst = open("dst", O_RDWR), ro = open("dst", O_RDONLY), app = open("dst", O_WRONLY | O_APPEND);
	off_t off = -1;
	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(p[1], "abc", 3);
	write(sv[1], "abc", 3);
	check("sendfile from a pipe to a file", sendfile(dst, p[0], 0, 3));
	check("sendfile from a socket to a file", sendfile(dst, sv[0], 0, 3));
	check("sendfile from a pipe with an offset", sendfile(dst, p[0], &off, 3));
	check("sendfile negative offset", sendfile(dst, src, &off, 3));
	check("sendfile bad in", sendfile(dst, 999, 0, 3));
	check("sendfile bad out", sendfile(999, src, 0, 3));
	check("sendfile to a read-only file", sendfile(ro, src, 0, 3));
	check("sendfile from a write-only file", sendfile(dst, app, 0, 3));
	check("sendfile to an O_APPEND file", sendfile(app, src, 0, 3));
	check("sendfile bad offset pointer", sendfile(dst, src, (off_t *)8, 3));
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
	close(dst);
	close(ro);
	close(app);
}

static void splices(int src)
{
	int p[2], q[2], sv[2], dst = open("spliced", O_RDWR | O_CREAT | O_TRUNC, 0644);
	pthread_t t;
	struct reader r;
	loff_t off = 3000, out = 100;
	unsigned char buf[4096];
	pipe(p);
	pipe(q);
	check("splice file->pipe, offset 3000", splice(src, &off, p[1], 0, 3000, 0));
	printf("  offset %ld\n", (long)off);
	check("splice pipe->file, offset 100", splice(p[0], 0, dst, &out, 2000, 0));
	printf("  out offset %ld, file position %ld\n", (long)out, pos(dst));
	check("splice pipe->file, no offset", splice(p[0], 0, dst, 0, 5000, 0));
	printf("  file position %ld, intact %d %d\n", pos(dst), file_intact("spliced", 3900, 1000, 1100),
	       file_intact("spliced", 5000, 0, 1000));
	lseek(src, 10, SEEK_SET);
	check("splice file->pipe, no offset", splice(src, 0, p[1], 0, 500, 0));
	printf("  in position %ld\n", pos(src));
	check("splice pipe->pipe", splice(p[0], 0, q[1], 0, 500, 0));
	printf("  intact %d\n", read_full(q[0], buf, 500) && intact(buf, 10, 500));

	tcp_pair(sv);
	start_reader(&t, &r, sv[1], 0, SIZE);
	off = 0;
	long total = 0;
	while (total < SIZE) {
		long n = splice(src, &off, p[1], 0, SIZE, 0);
		if (n <= 0)
			break;
		while (n > 0) {
			long m = splice(p[0], 0, sv[0], 0, (size_t)n, 0);
			if (m <= 0)
				break;
			n -= m;
			total += m;
		}
	}
	pthread_join(t, 0);
	printf("splice file->pipe->tcp total %ld, offset %ld, intact %d\n", total, (long)off, r.ok);

	check("splice file->file", splice(src, 0, dst, 0, 10, 0));
	check("splice with an offset on the pipe", splice(p[0], &off, dst, 0, 10, 0));
	check("splice empty pipe, SPLICE_F_NONBLOCK", splice(p[0], 0, dst, 0, 10, SPLICE_F_NONBLOCK));
	check("splice a pipe into itself", splice(p[0], 0, p[1], 0, 10, 0));
	check("splice length 0", splice(src, 0, dst, 0, 0, 0));
	check("splice bad flags", splice(p[0], 0, dst, 0, 10, 0x100));
	check("splice bad descriptor", splice(999, 0, p[1], 0, 10, 0));
	check("splice from the write end", splice(p[1], 0, dst, 0, 10, 0));
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	while (splice(src, 0, p[1], 0, SIZE, 0) > 0)
		;
	check("splice into a full non-blocking pipe", splice(src, 0, p[1], 0, 10, 0));
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	close(sv[0]);
	close(sv[1]);
	close(dst);
}

static void copy_range(int src)
{
	int dst = open("copied", O_RDWR | O_CREAT | O_TRUNC, 0644), app = open("copied", O_WRONLY | O_APPEND);
	int dir = open(".", O_RDONLY | O_DIRECTORY), p[2];
	loff_t in = 1000, out = 0;
	pipe(p);
	check("copy_file_range", copy_file_range(src, &in, dst, &out, 50000, 0));
	printf("  offsets %ld %ld, intact %d\n", (long)in, (long)out, file_intact("copied", 1000, 0, 50000));
	check("copy_file_range from a pipe", copy_file_range(p[0], 0, dst, 0, 10, 0));
	check("copy_file_range to a pipe", copy_file_range(src, 0, p[1], 0, 10, 0));
	check("copy_file_range from a directory", copy_file_range(dir, 0, dst, 0, 10, 0));
	check("copy_file_range to O_APPEND", copy_file_range(src, 0, app, 0, 10, 0));
	check("copy_file_range flags", copy_file_range(src, 0, dst, 0, 10, 1));
	check("copy_file_range bad descriptor", copy_file_range(999, 0, dst, 0, 10, 0));
	close(p[0]);
	close(p[1]);
	close(dir);
	close(app);
	close(dst);
}

int main(int argc, char **argv)
{
	if (argc < 2 || chdir(argv[1]) < 0) {
		fprintf(stderr, "usage: sendfile DIR\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN); /* EPIPE is what is printed */
	unsigned char *data = malloc(SIZE);
	for (long i = 0; i < SIZE; i++)
		data[i] = pattern(i);
	int src = open("src", O_RDWR | O_CREAT | O_TRUNC, 0644);
	check("write the source", write(src, data, SIZE));
	free(data);
	to_files(src);
	to_unix(src);
	to_tcp(src);
	to_pipe(src);
	errors(src);
	splices(src);
	copy_range(src);
	close(src);
	return 0;
}
