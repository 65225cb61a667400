/*
 * TCP bulk transfer for the network benchmark, built static and run on both sides:
 *   netbulk recv IP PORT             accept one connection, read to end of file
 *   netbulk send IP PORT BYTES       accept one connection, write BYTES, close
 *   netbulk connect-send IP PORT BYTES  connect, write BYTES, half-close, wait for the
 *                                    peer's close; prints the rate
 *   netbulk connect-recv IP PORT BYTES  connect, read to end of file (BYTES expected);
 *                                    prints the rate
 * The rate is timed from before connect to end of file: "BYTES bytes in S s: G Gbit/s".
 */
#include "../progs/net_util.h"

#define CHUNK (1 << 20)

static char buf[CHUNK];

static unsigned long long drain(int fd)
{
	unsigned long long total = 0;
	ssize_t r;
	while ((r = read(fd, buf, sizeof(buf))) != 0) {
		if (r < 0 && errno != EINTR)
			die("read");
		if (r > 0)
			total += (unsigned long long)r;
	}
	return total;
}

static void fill(int fd, unsigned long long bytes)
{
	for (unsigned long long left = bytes; left;) {
		size_t n = left < sizeof(buf) ? (size_t)left : sizeof(buf);
		write_all(fd, buf, n);
		left -= n;
	}
}

static int accept_one(const char *ip, const char *port)
{
	int ls = net_listen(ip, port, SOCK_STREAM);
	int c = accept(ls, 0, 0);
	if (c < 0)
		die("accept");
	close(ls);
	return c;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "recv")) {
		int c = accept_one(argv[2], argv[3]);
		printf("received %llu bytes\n", drain(c));
		return close(c) != 0;
	}
	if (argc != 5)
		fail("usage: netbulk recv|send|connect-send|connect-recv IP PORT [BYTES]");
	unsigned long long bytes = number(argv[4]);
	if (!strcmp(argv[1], "send")) {
		int c = accept_one(argv[2], argv[3]);
		fill(c, bytes);
		return close(c) != 0;
	}
	int send_side = !strcmp(argv[1], "connect-send");
	if (!send_side && strcmp(argv[1], "connect-recv"))
		fail("unknown mode");
	double start = net_seconds();
	int s = net_connect(net_addr(argv[2], argv[3]));
	if (send_side) {
		fill(s, bytes);
		if (shutdown(s, SHUT_WR))
			die("shutdown");
		drain(s);
	} else if (drain(s) != bytes) {
		fail("short transfer");
	}
	double secs = net_seconds() - start;
	printf("%llu bytes in %.3f s: %.2f Gbit/s\n", bytes, secs, (double)bytes * 8 / secs / 1e9);
	return 0;
}
