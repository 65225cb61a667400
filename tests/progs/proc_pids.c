/*
 * Other processes' /proc/PID, as ps and pgrep read it: /proc lists a directory per
 * process (its own, its children's) beside self and its files; a child's stat, status,
 * comm and cmdline (after exec, with its arguments), its state sleeping, stopped and as
 * a zombie (empty cmdline), a listing of /proc/PID, a file opened relative to it, and
 * the errors of a pid that is not there, another user's environ refused; /proc/uptime
 * and /proc/stat (ps -ef reads its boot time). Usage: proc_pids (it execs itself as "child").
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "proc_sync.h"

/* A file, whole, into buf; its length, or -1. */
static long slurp_path(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	long n = 0, k;
	while (n < (long)size - 1 && (k = read(fd, buf + n, size - 1 - (size_t)n)) > 0)
		n += k;
	buf[n] = 0;
	close(fd);
	return n;
}

/* A file of /proc/PID. */
static long slurp(int pid, const char *name, char *buf, size_t size)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/%s", pid, name);
	return slurp_path(path, buf, size);
}

/* The fields of /proc/PID/stat a ps shows: comm, state, ppid, pgrp, threads. */
static void show_stat(const char *who, int pid, int parent)
{
	char buf[1024], comm[64] = "";
	char state = '?';
	int ppid = 0, pgrp = 0, threads = 0;
	if (slurp(pid, "stat", buf, sizeof(buf)) < 0) {
		printf("%s stat: %s\n", who, strerror(errno));
		return;
	}
	char *open_paren = strchr(buf, '('), *close_paren = strrchr(buf, ')');
	if (open_paren && close_paren) {
		snprintf(comm, sizeof(comm), "%.*s", (int)(close_paren - open_paren - 1), open_paren + 1);
		sscanf(close_paren + 2, "%c %d %d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %d", &state,
		       &ppid, &pgrp, &threads);
	}
	printf("%s stat: comm %s, state %c, parent's %d, group %s, threads %d\n", who, comm, state, ppid == parent,
	       pgrp == pid ? "its own" : pgrp == getpgrp() ? "mine" : "another", threads);
}

static void show_status(const char *who, int pid)
{
	char buf[4096];
	if (slurp(pid, "status", buf, sizeof(buf)) < 0)
		return;
	for (char *line = strtok(buf, "\n"); line; line = strtok(0, "\n"))
		if (!strncmp(line, "Name:", 5) || !strncmp(line, "State:", 6))
			printf("%s status %s\n", who, line);
}

static void show_cmdline(const char *who, int pid)
{
	char buf[256];
	long n = slurp(pid, "cmdline", buf, sizeof(buf));
	printf("%s cmdline (%ld):", who, n);
	for (long i = 0; i < n; i++)
		putchar(buf[i] ? buf[i] : '|');
	printf("\n");
}

/* A link of /proc into buf: its target, or the error's name. */
static const char *link_of(const char *path, char *buf, size_t size)
{
	ssize_t n = readlink(path, buf, size - 1);
	if (n < 0)
		return strerror(errno);
	buf[n] = 0;
	return buf;
}

/* /proc/self names the caller; /proc/PID/exe and cwd name the process's program and directory. */
static void show_links(const char *who, int pid, const char *program)
{
	char buf[4096], path[64], mine[16], real[4096], here[4096];
	snprintf(mine, sizeof(mine), "%d", getpid());
	printf("/proc/self names me: %d\n", !strcmp(link_of("/proc/self", buf, sizeof(buf)), mine));
	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	const char *exe = link_of(path, buf, sizeof(buf));
	printf("%s exe is the program: %d (%s)\n", who, realpath(program, real) && !strcmp(exe, real),
	       exe[0] == '/' ? "a path" : exe);
	snprintf(path, sizeof(path), "/proc/%d/cwd", pid);
	const char *cwd = link_of(path, buf, sizeof(buf));
	printf("%s cwd is mine: %d (%s)\n", who, getcwd(here, sizeof(here)) && !strcmp(cwd, here),
	       cwd[0] == '/' ? "a path" : cwd);
}

/* Does /proc list pid? And does it list self? */
static void listed(const char *who, int pid)
{
	DIR *d = opendir("/proc");
	int seen = 0, self = 0;
	for (struct dirent *e; d && (e = readdir(d));) {
		seen |= atoi(e->d_name) == pid && e->d_type == DT_DIR;
		self |= !strcmp(e->d_name, "self");
	}
	if (d)
		closedir(d);
	printf("/proc lists %s: %d, self: %d\n", who, seen, self);
}

int main(int argc, char **argv)
{
	int sync[2];
	if (argc > 1 && !strcmp(argv[1], "child")) {
		/* The exec'd child: waits for its parent's byte, then ends. */
		char c;
		if (read(3, &c, 1) < 0)
			return 1;
		return 0;
	}
	setvbuf(stdout, 0, _IONBF, 0);
	setpgid(0, 0);
	if (pipe(sync) || dup2(sync[0], 3) < 0)
		return 1;
	int me = getpid();
	listed("my pid", me);
	show_stat("me", me, getppid());
	show_cmdline("me", me);

	pid_t child = fork();
	if (child == 0) {
		setpgid(0, 0);
		execl(argv[0], argv[0], "child", "two words", "", (char *)0);
		_exit(127);
	}
	setpgid(child, child);
	/* Until the exec is done (the cmdline has the arguments) and the child waits in its read. */
	char buf[256];
	for (int i = 0; i < 300; i++) {
		if (slurp(child, "cmdline", buf, sizeof(buf)) > (long)strlen(buf) + 1 &&
		    slurp(child, "stat", buf, sizeof(buf)) > 0 && strstr(buf, ") S "))
			break;
		sleep_ms(10);
	}
	listed("the child", child);
	show_links("child", child, argv[0]);
	/* As pidof reads it: from /proc as the working directory. */
	char home[4096], rel[32];
	if (!getcwd(home, sizeof(home)))
		return 1;
	snprintf(rel, sizeof(rel), "%d/stat", child);
	const char *moved = res(chdir("/proc"));
	int relfd = open(rel, O_RDONLY);
	printf("chdir to /proc: %s; PID/stat from there: %s\n", moved, relfd < 0 ? strerror(errno) : "opened");
	if (relfd >= 0)
		close(relfd);
	if (chdir(home) < 0)
		return 1;
	show_stat("child", child, me);
	show_status("child", child);
	show_cmdline("child", child);
	kill(child, SIGSTOP);
	int st;
	waitpid(child, &st, WUNTRACED);
	show_stat("stopped child", child, me);
	kill(child, SIGCONT);
	waitpid(child, &st, WCONTINUED);

	char dirpath[64];
	snprintf(dirpath, sizeof(dirpath), "/proc/%d", child);
	struct stat s;
	printf("/proc/CHILD is a directory: %d\n", stat(dirpath, &s) == 0 && S_ISDIR(s.st_mode));
	DIR *d = opendir(dirpath);
	int files = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		files += !strcmp(e->d_name, "stat") || !strcmp(e->d_name, "cmdline") || !strcmp(e->d_name, "status") ||
			 !strcmp(e->d_name, "comm");
	printf("its listing has stat, status, comm and cmdline: %d\n", files == 4);
	int fd = d ? openat(dirfd(d), "comm", O_RDONLY) : -1;
	long n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	printf("comm opened relative to it: %s", n > 0 ? buf : "nothing\n");
	if (d)
		closedir(d);
	if (fd >= 0)
		close(fd);

	tell(sync[1]);
	/* A zombie until waited for. */
	for (int i = 0; i < 200; i++) {
		if (slurp(child, "stat", buf, sizeof(buf)) > 0 && strstr(buf, ") Z "))
			break;
		sleep_ms(10);
	}
	show_stat("zombie", child, me);
	show_cmdline("zombie", child);
	snprintf(dirpath, sizeof(dirpath), "/proc/%d/exe", child);
	printf("zombie exe: %s\n", link_of(dirpath, buf, sizeof(buf)));
	snprintf(dirpath, sizeof(dirpath), "/proc/%d", child);
	waitpid(child, &st, 0);
	printf("after wait: /proc/CHILD/stat %s\n", slurp(child, "stat", buf, sizeof(buf)) < 0 ? strerror(errno) : "there");
	printf("stat of /proc/CHILD: %s\n", stat(dirpath, &s) < 0 ? strerror(errno) : "there");
	printf("/proc/0/stat: %s\n", slurp(0, "stat", buf, sizeof(buf)) < 0 ? strerror(errno) : "there");

	/* The machine's own: time since boot and idle, per-CPU times, boot time, as uptime and ps -ef read them. */
	double up = 0, idle = -1;
	int fields = slurp_path("/proc/uptime", buf, sizeof(buf)) > 0 ? sscanf(buf, "%lf %lf", &up, &idle) : 0;
	printf("/proc/uptime: %d numbers, up %d, idle %d\n", fields, up > 0, idle >= 0);
	long cpus = sysconf(_SC_NPROCESSORS_ONLN), lines = 0, btime = 0;
	unsigned long user = 0, nice = 0, sys = 0, idle_ticks = 0;
	int total = 0;
	static char big[65536];
	if (slurp_path("/proc/stat", big, sizeof(big)) > 0) {
		total = sscanf(big, "cpu %lu %lu %lu %lu", &user, &nice, &sys, &idle_ticks) == 4;
		for (char *line = strtok(big, "\n"); line; line = strtok(0, "\n")) {
			lines += !strncmp(line, "cpu", 3) && line[3] >= '0' && line[3] <= '9';
			if (!strncmp(line, "btime ", 6))
				btime = atol(line + 6);
		}
	}
	time_t now = time(0);
	printf("/proc/stat: total line %d, a line per CPU %d, boot time before now %d\n", total, lines == cpus,
	       btime > 0 && btime <= now && btime >= now - (long)up - 5);

	/* Another user's process: its stat is open to all, its environ is not. */
	child = fork();
	if (child == 0) {
		if (setresuid(65534, 65534, 65534) < 0) {
			printf("as another user: cannot become one (%s)\n", strerror(errno));
			_exit(0);
		}
		const char *stat_answer = slurp(me, "stat", buf, sizeof(buf)) < 0 ? strerror(errno) : "read";
		printf("as another user: stat %s, environ %s\n", stat_answer,
		       slurp(me, "environ", buf, sizeof(buf)) < 0 ? strerror(errno) : "read");
		snprintf(dirpath, sizeof(dirpath), "/proc/%d/exe", me);
		printf("as another user: exe %s\n", link_of(dirpath, buf, sizeof(buf)));
		_exit(0);
	}
	waitpid(child, &st, 0);
	return 0;
}
