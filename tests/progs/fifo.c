/*
 * FIFOs (mkfifo, mknod) in /tmp: their mode and type, EEXIST, opens without
 * O_NONBLOCK waiting for the other side (a reader for a writer, a writer for
 * a reader, across fork), O_NONBLOCK's ENXIO for a writer without a reader,
 * O_RDWR never waiting, end of file once the writers close, data gone with the
 * last close, fstat and /proc/self/fd naming the node, an open interrupted by a
 * signal (EINTR), unlink while open; a socket node (mknod S_IFSOCK) that open
 * refuses, and mknod of a regular file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc_sync.h"

static char dir[64], fifo[96];

static void on_alarm(int sig)
{
	(void)sig;
}

static void read_all(int fd, const char *what)
{
	char buf[128];
	size_t n = 0;
	ssize_t k;
	while (n < sizeof(buf) - 1 && (k = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += (size_t)k;
	buf[n] = 0;
	printf("%s: \"%s\"\n", what, buf);
}

int main(void)
{
	setvbuf(stdout, 0, _IONBF, 0);
	umask(022);
	snprintf(dir, sizeof(dir), "/tmp/fifo.XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	snprintf(fifo, sizeof(fifo), "%s/f", dir);
	printf("mkfifo: %s\n", res(mkfifo(fifo, 0666)));
	printf("again: %s\n", res(mkfifo(fifo, 0666)));
	struct stat st, fst;
	stat(fifo, &st);
	printf("a FIFO %d, mode %o, size %ld\n", S_ISFIFO(st.st_mode), st.st_mode & 07777, (long)st.st_size);

	int w = open(fifo, O_WRONLY | O_NONBLOCK);
	printf("writer without a reader, O_NONBLOCK: %s\n", w < 0 ? strerror(errno) : "opened");
	int r = open(fifo, O_RDONLY | O_NONBLOCK);
	char c;
	const char *reader = res(r);
	printf("reader, O_NONBLOCK: %s; read without a writer: %zd\n", reader, read(r, &c, 1));
	w = open(fifo, O_WRONLY | O_NONBLOCK);
	printf("writer now: %s\n", res(w));
	fstat(w, &fst);
	printf("fstat names the node: %d\n", S_ISFIFO(fst.st_mode) && fst.st_ino == st.st_ino && fst.st_dev == st.st_dev);
	char link[128], fdpath[32];
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", w);
	ssize_t n = readlink(fdpath, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	printf("/proc/self/fd names its path: %d\n", !strcmp(link, fifo));
	if (write(w, "abc", 3) != 3)
		perror("write");
	int ready = 0;
	ioctl(r, FIONREAD, &ready);
	printf("FIONREAD %d\n", ready);
	close(w);
	fcntl(r, F_SETFL, 0);
	read_all(r, "read until the writer closed");
	close(r);

	/* A writer waits for a reader. */
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(fifo, O_WRONLY);
		if (write(fd, "from the child", 14) != 14)
			_exit(1);
		_exit(0);
	}
	sleep_ms(100);
	r = open(fifo, O_RDONLY);
	read_all(r, "the child wrote");
	close(r);
	int status;
	waitpid(pid, &status, 0);
	printf("child: %d\n", WEXITSTATUS(status));

	/* A reader waits for a writer. */
	pid = fork();
	if (pid == 0) {
		sleep_ms(100);
		int fd = open(fifo, O_WRONLY);
		if (write(fd, "late writer", 11) != 11)
			_exit(1);
		_exit(0);
	}
	r = open(fifo, O_RDONLY);
	read_all(r, "the reader waited for");
	close(r);
	waitpid(pid, &status, 0);

	int rw = open(fifo, O_RDWR);
	const char *opened = res(rw);
	printf("O_RDWR: %s, write %zd\n", opened, write(rw, "kept?", 5));
	close(rw);
	rw = open(fifo, O_RDWR | O_NONBLOCK);
	ready = -1;
	ioctl(rw, FIONREAD, &ready);
	printf("after the last close: %d bytes\n", ready);

	struct sigaction sa = { .sa_handler = on_alarm };
	sigaction(SIGALRM, &sa, 0);
	close(rw);
	alarm(1);
	r = open(fifo, O_RDONLY);
	printf("open interrupted: %s\n", r < 0 ? strerror(errno) : "opened");

	r = open(fifo, O_RDONLY | O_NONBLOCK);
	w = open(fifo, O_WRONLY);
	const char *gone = res(unlink(fifo));
	printf("unlink while open: %s, stat: %s\n", gone, res(stat(fifo, &st)));
	printf("still a pipe: write %zd\n", write(w, "x", 1));
	printf("read %zd\n", read(r, &c, 1));
	close(r);
	close(w);

	char sock[96], reg[96];
	snprintf(sock, sizeof(sock), "%s/s", dir);
	snprintf(reg, sizeof(reg), "%s/r", dir);
	printf("mknod S_IFSOCK: %s", res(mknod(sock, S_IFSOCK | 0600, 0)));
	stat(sock, &st);
	printf(", a socket %d; open: %s\n", S_ISSOCK(st.st_mode), open(sock, O_RDWR) < 0 ? strerror(errno) : "opened");
	printf("mknod S_IFIFO: %s\n", res(mknod(fifo, S_IFIFO | 0640, 0)));
	stat(fifo, &st);
	printf("mode %o\n", st.st_mode & 07777);
	printf("mknod of a regular file: %s", res(mknod(reg, S_IFREG | 0600, 0)));
	stat(reg, &st);
	printf(", regular %d, size %ld\n", S_ISREG(st.st_mode), (long)st.st_size);
	printf("mknod of a bad type: %s\n", res(mknod(reg, 0170000 | 0600, 0)));
	unlink(sock);
	unlink(reg);
	unlink(fifo);
	printf("rmdir: %s\n", res(rmdir(dir)));
	return 0;
}
