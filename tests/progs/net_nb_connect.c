/*
 * Non-blocking connects: to a listening port (EINPROGRESS, then POLLOUT and SO_ERROR
 * 0; a line is sent), and to a closed one (EINPROGRESS, then SO_ERROR ECONNREFUSED,
 * read once), and a blocking connect to the closed port (ECONNREFUSED).
 * Usage: net_nb_connect IP OPEN_PORT CLOSED_PORT
 */
#include "net_util.h"
#include <poll.h>

static const char *name(int e)
{
	switch (e) {
	case 0: return "0";
	case EINPROGRESS: return "EINPROGRESS";
	case ECONNREFUSED: return "ECONNREFUSED";
	case EALREADY: return "EALREADY";
	case EISCONN: return "EISCONN";
	case ETIMEDOUT: return "ETIMEDOUT";
	case EAGAIN: return "EAGAIN";
	case ENOTCONN: return "ENOTCONN";
	case EPIPE: return "EPIPE";
	default: return strerror(e);
	}
}

/* Starts a non-blocking connect to a, waits for it to finish and prints what happened. */
static int nb_connect(const char *what, struct sockaddr_in a)
{
	int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (s < 0)
		die("socket");
	int r = connect(s, (struct sockaddr *)&a, sizeof(a));
	printf("%s: connect %s\n", what, r ? name(errno) : "0");
	struct pollfd p = { .fd = s, .events = POLLOUT };
	if (poll(&p, 1, 5000) != 1)
		fail("connect did not finish in 5 s");
	int err = -1;
	socklen_t len = sizeof(err);
	if (getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len))
		die("getsockopt");
	printf("%s: POLLOUT %d, SO_ERROR %s\n", what, !!(p.revents & POLLOUT), name(err));
	if (getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len))
		die("getsockopt");
	printf("%s: SO_ERROR again %s\n", what, name(err));
	return s;
}

int main(int argc, char **argv)
{
	if (argc != 4)
		fail("usage: net_nb_connect IP OPEN_PORT CLOSED_PORT");
	struct sockaddr_in open_a = net_addr(argv[1], argv[2]), closed_a = net_addr(argv[1], argv[3]);

	int s = nb_connect("listening port", open_a);
	struct sockaddr_in peer;
	socklen_t len = sizeof(peer);
	char ip[INET_ADDRSTRLEN];
	if (getpeername(s, (struct sockaddr *)&peer, &len))
		die("getpeername");
	printf("listening port: peer %s:%u\n", inet_ntop(AF_INET, &peer.sin_addr, ip, sizeof(ip)),
	       ntohs(peer.sin_port));
	const char line[] = "hello from the non-blocking client\n";
	write_all(s, line, sizeof(line) - 1);
	if (close(s))
		die("close");

	s = nb_connect("closed port", closed_a);
	char c;
	ssize_t r = read(s, &c, 1);
	printf("closed port: read %s\n", r < 0 ? name(errno) : r ? "data" : "end of file");
	close(s);

	s = socket(AF_INET, SOCK_STREAM, 0);
	r = connect(s, (struct sockaddr *)&closed_a, sizeof(closed_a));
	printf("closed port, blocking: connect %s\n", r ? name(errno) : "0");
	return 0;
}
