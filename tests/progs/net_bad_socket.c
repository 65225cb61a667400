/*
 * socket() with families, types and protocols the kernel does not offer, and
 * calls on the wrong kind of descriptor: each error as Linux gives it.
 */
#include "net_util.h"
#include <fcntl.h>

static const char *name(int e)
{
	switch (e) {
	case EAFNOSUPPORT: return "EAFNOSUPPORT";
	case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
	case ESOCKTNOSUPPORT: return "ESOCKTNOSUPPORT";
	case EINVAL: return "EINVAL";
	case ENOTSOCK: return "ENOTSOCK";
	case EBADF: return "EBADF";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	default: return strerror(e);
	}
}

static void try_socket(const char *what, int family, int type, int protocol)
{
	int s = socket(family, type, protocol);
	printf("socket(%s): %s\n", what, s < 0 ? name(errno) : "ok");
	if (s >= 0)
		close(s);
}

int main(void)
{
	try_socket("family 12345", 12345, SOCK_STREAM, 0);
	try_socket("AF_MAX+", 64, SOCK_DGRAM, 0);
	try_socket("AF_INET, type 42", AF_INET, 42, 0);
	try_socket("AF_INET, bad type flag", AF_INET, SOCK_STREAM | 0x40000000, 0);
	try_socket("AF_INET, SOCK_STREAM, IPPROTO_UDP", AF_INET, SOCK_STREAM, IPPROTO_UDP);
	try_socket("AF_INET, SOCK_DGRAM, IPPROTO_TCP", AF_INET, SOCK_DGRAM, IPPROTO_TCP);
	try_socket("AF_INET, SOCK_STREAM, protocol 200", AF_INET, SOCK_STREAM, 200);
	try_socket("AF_INET, SOCK_STREAM, IPPROTO_TCP", AF_INET, SOCK_STREAM, IPPROTO_TCP);
	try_socket("AF_INET, SOCK_DGRAM, IPPROTO_UDP", AF_INET, SOCK_DGRAM, IPPROTO_UDP);

	struct sockaddr_in a = net_addr("127.0.0.1", "9");
	int fd = open("/dev/null", O_RDONLY);
	printf("connect(/dev/null): %s\n", connect(fd, (struct sockaddr *)&a, sizeof(a)) ? name(errno) : "ok");
	printf("listen(/dev/null): %s\n", listen(fd, 1) ? name(errno) : "ok");
	printf("connect(bad fd): %s\n", connect(999, (struct sockaddr *)&a, sizeof(a)) ? name(errno) : "ok");
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	printf("listen(UDP): %s\n", listen(u, 1) ? name(errno) : "ok");
	printf("accept(UDP): %s\n", accept(u, 0, 0) < 0 ? name(errno) : "ok");
	return 0;
}
