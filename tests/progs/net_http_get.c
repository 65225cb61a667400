/*
 * An HTTP/1.0 GET client: fetches PATH from IP:PORT, writes the body to stdout and
 * the status and body length to stderr; the length must match Content-Length.
 * Usage: net_http_get IP PORT PATH
 */
#include "net_util.h"

int main(int argc, char **argv)
{
	if (argc != 4)
		fail("usage: net_http_get IP PORT PATH");
	int s = net_connect(net_addr(argv[1], argv[2]));
	char req[512];
	int n = snprintf(req, sizeof(req), "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n", argv[3], argv[1]);
	if (n < 0 || (size_t)n >= sizeof(req))
		fail("path too long");
	write_all(s, req, (size_t)n);
	size_t cap = 1 << 16, len = 0;
	char *resp = malloc(cap);
	for (ssize_t r = 1; r;) {
		if (len == cap)
			resp = realloc(resp, cap *= 2);
		if (!resp)
			die("malloc");
		r = read(s, resp + len, cap - len);
		if (r < 0)
			die("read");
		len += (size_t)r;
	}
	close(s);
	char *body = memmem(resp, len, "\r\n\r\n", 4);
	int status;
	if (!body || sscanf(resp, "HTTP/1.%*d %d", &status) != 1)
		fail("not an HTTP response");
	*body = 0;
	body += 4;
	size_t body_len = len - (size_t)(body - resp);
	const char *cl = strcasestr(resp, "\r\nContent-Length:");
	if (cl && strtoul(cl + 17, 0, 10) != body_len)
		fail("body length differs from Content-Length");
	write_all(1, body, body_len);
	fprintf(stderr, "HTTP status %d, %zu bytes of body\n", status, body_len);
	return status == 200 ? 0 : 2;
}
