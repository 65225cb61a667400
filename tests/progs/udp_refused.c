/*
 * UDP to a port of our own where no socket listens: a connected socket learns
 * ECONNREFUSED (poll's POLLERR, then the next receive or send reports it once),
 * an unconnected one learns nothing; IPv4 and IPv6 loopback. glibc's resolver
 * relies on this to give up at once when no name server runs on 127.0.0.1.
 */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *res(long r)
{
	return r < 0 ? strerror(errno) : "ok";
}

/* A loopback address of family with a port nobody has (bound once, then closed). */
static socklen_t free_port(int family, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	socklen_t len = family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
	if (family == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;
		a->sin_family = AF_INET;
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	} else {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
		a->sin6_family = AF_INET6;
		a->sin6_addr = in6addr_loopback;
	}
	int s = socket(family, SOCK_DGRAM, 0);
	bind(s, (struct sockaddr *)ss, len);
	getsockname(s, (struct sockaddr *)ss, &len);
	close(s);
	return len;
}

static void family(int fam, const char *name)
{
	struct sockaddr_storage to;
	socklen_t len = free_port(fam, &to);
	char buf[16];
	int s = socket(fam, SOCK_DGRAM, 0);
	printf("%s connect: %s; ", name, res(connect(s, (struct sockaddr *)&to, len)));
	printf("send: %s; ", res(send(s, "q", 1, 0)));
	struct pollfd p = { s, POLLIN, 0 };
	int n = poll(&p, 1, 1000);
	printf("poll: %d, POLLERR %s\n", n, p.revents & POLLERR ? "set" : "clear");
	printf("  recv: %s; ", res(recv(s, buf, sizeof(buf), MSG_DONTWAIT)));
	printf("again: %s; ", res(recv(s, buf, sizeof(buf), MSG_DONTWAIT)));
	printf("send: %s; ", res(send(s, "q", 1, 0)));
	printf("send: %s\n", res(send(s, "q", 1, 0)));
	int err = -1;
	socklen_t el = sizeof(err);
	send(s, "q", 1, 0);
	getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &el);
	printf("  SO_ERROR after another send: %s; ", err ? strerror(err) : "none");
	printf("then recv: %s\n", res(recv(s, buf, sizeof(buf), MSG_DONTWAIT)));
	close(s);

	s = socket(fam, SOCK_DGRAM, 0);
	printf("  unconnected sendto: %s; ", res(sendto(s, "q", 1, 0, (struct sockaddr *)&to, len)));
	p = (struct pollfd){ s, POLLIN, 0 };
	printf("poll: %d; ", poll(&p, 1, 200));
	printf("recv: %s\n", res(recv(s, buf, sizeof(buf), MSG_DONTWAIT)));
	close(s);
}

int main(void)
{
	family(AF_INET, "IPv4");
	family(AF_INET6, "IPv6");
	return 0;
}
