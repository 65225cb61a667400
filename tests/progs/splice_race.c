/*
 * splice from a pipe to a socket that is full, so the splice sleeps with the
 * pipe's bytes in hand, while another thread uses the same pipe: Linux holds
 * the pipe for the splice, so the other thread's read waits and every byte
 * arrives once; a close of the pipe by the other thread leaves the splice's
 * bytes as they were. The waits are generous sleeps: the output is the same
 * whatever the timing, unless a byte is duplicated, lost or changed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define CHUNK 4096      /* the pipe's bytes: one page, what a splice moves at most here */
#define SETTLE 300000   /* microseconds for a thread to reach its sleep */

static int p[2], sv[2], q[2];
static long spliced, reread;

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* The byte at position i of the pipe's contents (mark tells two fillings apart). */
static char pattern(int i, int mark)
{
	return (char)((i * 7 + mark) % 251);
}

static void *splicer(void *arg)
{
	(void)arg;
	spliced = splice(p[0], NULL, sv[0], NULL, CHUNK, 0);
	return 0;
}

static void *reader(void *arg)
{
	char buf[CHUNK];
	(void)arg;
	reread = read(p[0], buf, sizeof(buf));
	return 0;
}

static void *closer(void *arg)
{
	char buf[CHUNK];
	(void)arg;
	close(p[0]);
	close(p[1]);
	/* A new pipe, likely given the old one's place, with other bytes. */
	if (pipe(q) < 0)
		die("pipe");
	for (int i = 0; i < CHUNK; i++)
		buf[i] = pattern(i, 100);
	if (write(q[1], buf, sizeof(buf)) != (ssize_t)sizeof(buf))
		die("write");
	return 0;
}

/* Fill sv[0] until a send would block; the count of bytes in it. */
static long fill_socket(void)
{
	char junk[1024];
	long filled = 0;
	ssize_t n;
	memset(junk, 'x', sizeof(junk));
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	while ((n = send(sv[0], junk, sizeof(junk), 0)) > 0)
		filled += n;
	if (errno != EAGAIN)
		die("send");
	fcntl(sv[0], F_SETFL, 0);
	return filled;
}

/* Read filled + CHUNK bytes from sv[1]: are the last CHUNK the pipe's first filling, in order? */
static int drain_socket(long filled)
{
	static char buf[1 << 20];
	long want = filled + CHUNK, got = 0;
	while (got < want) {
		ssize_t n = read(sv[1], buf + got, (size_t)(want - got));
		if (n <= 0)
			die("read socket");
		got += n;
	}
	for (int i = 0; i < CHUNK; i++)
		if (buf[filled + i] != pattern(i, 0))
			return 0;
	return 1;
}

/* One round: the pipe filled, the splice asleep on the full socket, then other's turn. */
static void round_with(const char *name, void *(*other)(void *))
{
	char buf[CHUNK];
	pthread_t a, b;
	if (pipe(p) < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		die("pipe");
	long filled = fill_socket();
	if (filled + CHUNK > (long)(1 << 20))
		die("socket buffer");
	for (int i = 0; i < CHUNK; i++)
		buf[i] = pattern(i, 0);
	if (write(p[1], buf, sizeof(buf)) != (ssize_t)sizeof(buf))
		die("write");
	reread = -2;
	pthread_create(&a, 0, splicer, 0);
	usleep(SETTLE);
	pthread_create(&b, 0, other, 0);
	usleep(SETTLE);
	int intact = drain_socket(filled);
	if (other == reader)
		close(p[1]); /* the reader's end of data, once the splice is done */
	pthread_join(a, 0);
	pthread_join(b, 0);
	printf("%s: splice moved %ld, the socket got the pipe's bytes %s", name, spliced,
	       intact ? "intact" : "changed");
	if (other == reader)
		printf(", the other reader got %ld", reread);
	printf("\n");
	if (other == reader) {
		close(p[0]);
	} else {
		close(q[0]);
		close(q[1]);
	}
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	round_with("read during splice", reader);
	round_with("close during splice", closer);
	return 0;
}
