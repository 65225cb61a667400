/*
 * A UDP request/response server: each request is a 4-byte sequence number and a
 * payload, answered with the same number and the payload reversed; sequence number
 * 0xffffffff ends it, after 0.5 s without requests (the client resends the end
 * request while its answer is lost). Retransmitted requests are answered again but
 * counted once. Prints the number of distinct requests, their bytes and a checksum sum.
 * Usage: net_udp_server IP PORT
 */
#include "net_util.h"
#include <poll.h>

#define MAX_SEQ 65536

int main(int argc, char **argv)
{
	if (argc != 3)
		fail("usage: net_udp_server IP PORT");
	int s = net_listen(argv[1], argv[2], SOCK_DGRAM);
	static unsigned char seen[MAX_SEQ], req[65536], resp[sizeof(req)];
	unsigned long requests = 0, bytes = 0;
	uint64_t sums = 0;
	char peer_ip[INET_ADDRSTRLEN] = "";
	for (int ending = 0;;) {
		struct pollfd p = { .fd = s, .events = POLLIN };
		if (ending && poll(&p, 1, 500) == 0)
			break;
		struct sockaddr_in peer;
		socklen_t plen = sizeof(peer);
		ssize_t r = recvfrom(s, req, sizeof(req), 0, (struct sockaddr *)&peer, &plen);
		if (r < 0)
			die("recvfrom");
		if (r < 4 || plen != sizeof(peer))
			fail("short request");
		uint32_t seq;
		memcpy(&seq, req, 4);
		seq = ntohl(seq);
		memcpy(resp, req, 4);
		for (ssize_t i = 4; i < r; i++)
			resp[4 + (r - 1 - i)] = req[i];
		if (sendto(s, resp, (size_t)r, 0, (struct sockaddr *)&peer, plen) != r)
			die("sendto");
		inet_ntop(AF_INET, &peer.sin_addr, peer_ip, sizeof(peer_ip));
		ending |= seq == 0xffffffffu;
		if (ending)
			continue;
		if (seq >= MAX_SEQ)
			fail("sequence number out of range");
		if (seen[seq]++)
			continue;
		requests++;
		bytes += (unsigned long)r - 4;
		sums += fnv(FNV_START, req + 4, (size_t)r - 4);
	}
	printf("answered %lu requests from %s, %lu bytes, fnv sum %016llx\n", requests, peer_ip, bytes,
	       (unsigned long long)sums);
	return 0;
}
