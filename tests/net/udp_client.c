/*
 * Host-side driver of net_udp_server: COUNT requests of up to MAXBYTES payload
 * bytes (pattern i), each retransmitted until its answer, which must be the payload
 * reversed; then the end request. Exit status 0 only if every answer was right.
 * Usage: udp_client IP PORT COUNT MAXBYTES
 */
#include "../progs/net_util.h"
#include <poll.h>

/* Sends request seq with payload[0..n) until its answer comes; returns the answer's length. */
static size_t ask(int s, uint32_t seq, const unsigned char *payload, size_t n, unsigned char *answer,
		  size_t cap)
{
	static unsigned char req[65536];
	uint32_t net = htonl(seq);
	memcpy(req, &net, 4);
	memcpy(req + 4, payload, n);
	for (int tries = 0; tries < 50; tries++) {
		if (send(s, req, n + 4, 0) != (ssize_t)(n + 4))
			die("send");
		struct pollfd p = { .fd = s, .events = POLLIN };
		while (poll(&p, 1, 200) == 1) {
			ssize_t r = recv(s, answer, cap, 0);
			/* The server not bound yet: the ICMP error comes back as ECONNREFUSED. */
			if (r < 0 && errno == ECONNREFUSED) {
				usleep(100000);
				break;
			}
			if (r < 0)
				die("recv");
			if (r >= 4 && !memcmp(answer, &net, 4))
				return (size_t)r - 4;
		}
	}
	printf("FAIL no answer to request %u after 50 tries\n", seq);
	exit(1);
}

int main(int argc, char **argv)
{
	if (argc != 5)
		fail("usage: udp_client IP PORT COUNT MAXBYTES");
	struct sockaddr_in a = net_addr(argv[1], argv[2]);
	unsigned long count = number(argv[3]), max = number(argv[4]);
	static unsigned char payload[65536], answer[65536 + 4];
	if (max > 65000)
		fail("MAXBYTES too big");
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	if (s < 0 || connect(s, (struct sockaddr *)&a, sizeof(a)))
		die("socket");
	for (unsigned long i = 0; i < count; i++) {
		size_t n = i == 1 ? max : (i * 7919) % (max + 1);
		pattern((uint32_t)i, 0, payload, n);
		if (ask(s, (uint32_t)i, payload, n, answer, sizeof(answer)) != n)
			fail("answer of the wrong length");
		for (size_t k = 0; k < n; k++)
			if (answer[4 + k] != payload[n - 1 - k])
				fail("answer is not the request reversed");
	}
	ask(s, 0xffffffffu, payload, 0, answer, sizeof(answer));
	printf("%lu requests answered correctly\n", count);
	return 0;
}
