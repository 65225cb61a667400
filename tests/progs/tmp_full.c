/*
 * Fills /tmp until it says ENOSPC, then frees what it wrote and writes again:
 * a full tmpfs must fail the write with ENOSPC (not crash, hang or take the
 * machine's last memory), and hold as much again once emptied. Prints only
 * whether each happened, not sizes, which differ between machines. Only a
 * /tmp that is a tmpfs of at most MAX_FILES MiB is filled (the VM's private
 * one: half of --mem); a native /tmp may be a whole disk.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#define CHUNK (256 * 1024)
#define MAX_FILES 512 /* files of 1 MiB */
#define TMPFS_MAGIC 0x01021994

static char chunk[CHUNK];

/* Write files of up to 1 MiB until a write or create fails; the error, and the bytes written. */
static int fill(const char *prefix, int *files, long long *bytes)
{
	*files = 0;
	*bytes = 0;
	for (int i = 0; i < MAX_FILES; i++) {
		char name[64];
		snprintf(name, sizeof(name), "%s-%d", prefix, i);
		int fd = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0600);
		if (fd < 0)
			return errno;
		++*files;
		for (int j = 0; j < 4; j++) {
			ssize_t n = write(fd, chunk, CHUNK);
			if (n > 0)
				*bytes += n;
			if (n != CHUNK) {
				int e = n < 0 ? errno : write(fd, chunk, CHUNK) < 0 ? errno : 0;
				close(fd);
				return e;
			}
		}
		close(fd);
	}
	return 0;
}

static void empty(const char *prefix, int files)
{
	for (int i = 0; i < files; i++) {
		char name[64];
		snprintf(name, sizeof(name), "%s-%d", prefix, i);
		unlink(name);
	}
}

static unsigned long long free_blocks(void)
{
	struct statfs s;
	return statfs("/tmp", &s) ? 0 : s.f_bfree;
}

int main(void)
{
	struct statfs s;
	if (statfs("/tmp", &s) || s.f_type != TMPFS_MAGIC || (unsigned long long)s.f_blocks * s.f_bsize > MAX_FILES << 20) {
		puts("/tmp is not a tmpfs small enough to fill: nothing done");
		return 0;
	}
	memset(chunk, 'x', sizeof(chunk));
	char prefix[64];
	snprintf(prefix, sizeof(prefix), "/tmp/full-%d", (int)getpid());
	unsigned long long before = free_blocks();
	int files;
	long long first, again;
	int e = fill(prefix, &files, &first);
	printf("filling /tmp: %s\n", e == ENOSPC ? "ENOSPC" : e ? strerror(e) : "never full");
	printf("nearly no space left when full: %s\n", free_blocks() * 100 < before ? "yes" : "no");
	empty(prefix, files);
	printf("space back after unlinking: %s\n", free_blocks() == before ? "yes" : "no");
	e = fill(prefix, &files, &again);
	printf("filling again: %s, as much as before: %s\n", e == ENOSPC ? "ENOSPC" : e ? strerror(e) : "never full",
	       again == first ? "yes" : "no");
	empty(prefix, files);
	int fd = open(prefix, O_CREAT | O_RDWR | O_TRUNC, 0600);
	char back[16] = { 0 };
	int ok = fd >= 0 && write(fd, "after the full", 14) == 14 && pread(fd, back, 14, 0) == 14 &&
		 !strcmp(back, "after the full");
	printf("a write after emptying it: %s\n", ok ? "ok" : strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(prefix);
	return 0;
}
