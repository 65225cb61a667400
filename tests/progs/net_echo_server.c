/*
 * A blocking TCP echo server: serves CONNS connections one after the other, echoing
 * everything until the client half-closes, then closes its side; prints each
 * connection's byte count and checksum. Usage: net_echo_server IP PORT CONNS (IP :: for
 * a dual-stack AF_INET6 socket)
 */
#include "net_util.h"

int main(int argc, char **argv)
{
	if (argc != 4)
		fail("usage: net_echo_server IP PORT CONNS");
	int ls = net_listen(argv[1], argv[2], SOCK_STREAM);
	unsigned long conns = number(argv[3]), total = 0;
	static char buf[65536];
	for (unsigned long i = 0; i < conns; i++) {
		int c = accept(ls, 0, 0);
		if (c < 0)
			die("accept");
		unsigned long bytes = 0;
		uint64_t sum = FNV_START;
		ssize_t r;
		while ((r = read(c, buf, sizeof(buf))) != 0) {
			if (r < 0)
				die("read");
			sum = fnv(sum, buf, (size_t)r);
			bytes += (unsigned long)r;
			write_all(c, buf, (size_t)r);
		}
		/* The client's half-close seen: a second read still says end of file. */
		if (read(c, buf, 1) != 0)
			fail("read after end of file");
		if (close(c))
			die("close");
		printf("connection %lu: %lu bytes, fnv %016llx\n", i, bytes, (unsigned long long)sum);
		total += bytes;
	}
	printf("echoed %lu bytes on %lu connections\n", total, conns);
	return 0;
}
