/*
 * A stand-in for cocoon-rewrite in hc_host's library cases (hc_libs.c), run
 * by the rewrite server as it runs the real one: fake_rewrite IN -o OUT.
 * Each run adds a line to the file $FAKE_REWRITE_LOG: "run", whether it
 * could make a socket and the descriptors it was given. What it does
 * depends on words in IN: REFUSE fails as cocoon-rewrite refuses a file
 * (a line on stderr, status 1, part of an output left); SLOW logs "slow
 * PID" and sleeps a minute first; any other file is copied with the line
 * "REWRITTEN" after it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define IN_MAX (1 << 20)

static char in[IN_MAX];

/* " fds" and the descriptors it has (but the one that lists them) into list. */
static void list_fds(char *list, size_t size)
{
	DIR *d = opendir("/proc/self/fd");
	size_t len = (size_t)snprintf(list, size, " fds");
	for (struct dirent *e; d && (e = readdir(d)) && len < size;)
		if (e->d_name[0] != '.' && atoi(e->d_name) != dirfd(d))
			len += (size_t)snprintf(list + len, size - len, " %s", e->d_name);
	if (d)
		closedir(d);
}

/* Add a line to the log. */
static void log_line(const char *fmt, const char *a, const char *b)
{
	const char *path = getenv("FAKE_REWRITE_LOG");
	FILE *log = path ? fopen(path, "a") : NULL;
	if (!log)
		exit(3);
	fprintf(log, fmt, a, b);
	fclose(log);
}

static void write_all(int fd, const void *data, size_t len)
{
	for (size_t done = 0; done < len;) {
		ssize_t n = write(fd, (const char *)data + done, len - done);
		if (n <= 0)
			exit(3);
		done += (size_t)n;
	}
}

int main(int argc, char **argv)
{
	if (argc != 4 || strcmp(argv[2], "-o") != 0) {
		fprintf(stderr, "usage: fake_rewrite IN -o OUT\n");
		return 2;
	}
	char fds[256];
	list_fds(fds, sizeof(fds));
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	log_line("run socket %s%s\n", s >= 0 ? "made" : strerrorname_np(errno), fds);

	int fd = open(argv[1], O_RDONLY);
	ssize_t len = fd < 0 ? -1 : read(fd, in, sizeof(in) - 1);
	if (len < 0)
		return 3;
	in[len] = 0;
	/* The file holds an ELF header first: its zero bytes end no string. */
	const char *text = in + 64 < in + len ? in + 64 : "";
	int out = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (out < 0)
		return 3;
	if (strstr(text, "REFUSE")) {
		write_all(out, "partial", 7);
		fprintf(stderr, "fake_rewrite: %s: refused\nsecond line\n", argv[1]);
		return 1;
	}
	if (strstr(text, "SLOW")) {
		char pid[16];
		snprintf(pid, sizeof(pid), "%d", (int)getpid());
		log_line("slow %s%s\n", pid, "");
		sleep(60);
	}
	write_all(out, in, (size_t)len);
	write_all(out, "REWRITTEN\n", 10);
	return 0;
}
