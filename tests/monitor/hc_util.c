/* The helpers hc_host's cases share (hc_util.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hc_util.h"
#include "monitor/confine.h"

const char *dir;
int failures;
bool confined;

void ready(void)
{
	if (confined)
		confine();
}

void check(bool ok, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%s: ", ok ? "ok" : "FAIL");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	failures += !ok;
}

const char *host(const char *rel)
{
	static char bufs[4][4096];
	static int next;
	char *b = bufs[next++ % 4];
	snprintf(b, sizeof(bufs[0]), "%s/%s", dir, rel);
	return b;
}

void make_file(const char *rel, const char *text, mode_t mode)
{
	int fd = open(host(rel), O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text) || close(fd) < 0) {
		perror(host(rel));
		exit(2);
	}
	chmod(host(rel), mode);
}

void make_dir(const char *rel)
{
	if (mkdir(host(rel), 0755) < 0 && errno != EEXIST) {
		perror(host(rel));
		exit(2);
	}
}

mode_t mode_of(const char *rel)
{
	struct stat st;
	return lstat(host(rel), &st) == 0 ? st.st_mode & 07777 : (mode_t)-1;
}

bool exists(const char *rel)
{
	struct stat st;
	return lstat(host(rel), &st) == 0;
}

off_t size_of(const char *rel)
{
	struct stat st;
	return stat(host(rel), &st) == 0 ? st.st_size : -1;
}
