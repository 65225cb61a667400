/*
 * AF_UNIX sockets that only messages in flight keep open are freed, as on
 * Linux: a socket passed into its own queue, two passed into each other's,
 * then closed, 300 times over (more than the sockets that exist at once); and
 * one passed to a socket still open stays usable when received.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Send fd (and one byte) over sock with SCM_RIGHTS: 0 or -1. */
static int pass(int sock, int fd)
{
	char byte = 'x', control[CMSG_SPACE(sizeof(int))];
	struct iovec io = { &byte, 1 };
	struct msghdr m = { .msg_iov = &io, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof(control) };
	struct cmsghdr *h = CMSG_FIRSTHDR(&m);
	h->cmsg_level = SOL_SOCKET;
	h->cmsg_type = SCM_RIGHTS;
	h->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(h), &fd, sizeof(int));
	return sendmsg(sock, &m, 0) == 1 ? 0 : -1;
}

/* The descriptor passed with the next message on sock, or -1. */
static int receive(int sock)
{
	char byte, control[CMSG_SPACE(sizeof(int))];
	struct iovec io = { &byte, 1 };
	struct msghdr m = { .msg_iov = &io, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof(control) };
	int fd = -1;
	if (recvmsg(sock, &m, 0) == 1 && CMSG_FIRSTHDR(&m))
		memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof(int));
	return fd;
}

int main(void)
{
	int round;
	for (round = 0; round < 300; round++) {
		int a[2], b[2];
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, a) < 0 || socketpair(AF_UNIX, SOCK_DGRAM, 0, b) < 0) {
			printf("round %d: socketpair: %s\n", round, strerror(errno));
			return 1;
		}
		/* a[0] queued at a[0] itself (sent from a[1]); b[0] and b[1] each in the other's queue. */
		if (pass(a[1], a[0]) < 0 || pass(b[0], b[1]) < 0 || pass(b[1], b[0]) < 0) {
			printf("round %d: sendmsg: %s\n", round, strerror(errno));
			return 1;
		}
		close(a[0]);
		close(a[1]);
		close(b[0]);
		close(b[1]);
	}
	printf("%d rounds of cycles closed: every socketpair made\n", round);

	int keep[2], other[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, keep);
	socketpair(AF_UNIX, SOCK_STREAM, 0, other);
	pass(keep[1], other[0]);
	close(other[0]);
	int got = receive(keep[0]);
	char c = 0;
	printf("passed, closed, received: %s; ", got >= 0 ? "a descriptor" : "nothing");
	printf("its peer's byte %s\n", write(other[1], "y", 1) == 1 && read(got, &c, 1) == 1 && c == 'y' ? "arrives" : "lost");
	return 0;
}
