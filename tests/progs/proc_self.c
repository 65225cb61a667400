/*
 * The /proc/self files a program reads about itself: maps (the stack, the
 * heap, its own file, a file in /tmp mapped at an offset), stat, status, auxv,
 * cmdline, environ and comm; pthread_getattr_np, which glibc answers for the
 * main thread from maps. Prints facts, never addresses or ids. Usage:
 * proc_self [ARGS...]
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

static char text[65536];

/* The whole file, NUL-terminated in text; its length, or -1. */
static long slurp(const char *path)
{
	int fd = open(path, O_RDONLY);
	long n = 0, got;
	if (fd < 0)
		return -1;
	while ((got = read(fd, text + n, sizeof(text) - 1 - (size_t)n)) > 0)
		n += got;
	close(fd);
	text[n] = 0;
	return n;
}

/* The maps line of the region holding addr: its permissions and name. */
static int region_of(const void *addr, char *perms, char *name)
{
	uintptr_t a = (uintptr_t)addr;
	slurp("/proc/self/maps");
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		unsigned long start, end, off;
		int at = 0;
		if (sscanf(line, "%lx-%lx %4s %lx %*s %*s %n", &start, &end, perms, &off, &at) < 4)
			continue;
		if (a >= start && a < end) {
			strcpy(name, at ? line + at : "");
			return 1;
		}
	}
	return 0;
}

static const char *base(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

static void *idle(void *arg)
{
	(void)arg;
	pause();
	return 0;
}

/* The value of a "Key:\tvalue" line of status. */
static const char *status_field(const char *key)
{
	static char value[256];
	slurp("/proc/self/status");
	char *at = strstr(text, key);
	if (!at || sscanf(at + strlen(key), ":%*[ \t]%255[^\n]", value) != 1)
		return "missing";
	return value;
}

int main(int argc, char **argv)
{
	char perms[8], name[4096], exe[4096];
	int local = 0;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = 0;

	printf("a local variable: %s\n", region_of(&local, perms, name) ? name : "not found");
	printf("main: %s, %s\n", region_of((void *)main, perms, name) && strcmp(name, exe) == 0 ? "the program's file" : name,
	       perms);
	char *small = malloc(100);
	region_of(small, perms, name);
	printf("a small malloc: %s %s\n", perms, name[0] == '[' ? name : name[0] ? "a file" : "anonymous");
	free(small);
	char tmp[] = "/tmp/proc_self.XXXXXX";
	int fd = mkstemp(tmp);
	static char page[8192];
	if (fd < 0 || write(fd, page, sizeof(page)) != (ssize_t)sizeof(page)) {
		perror(tmp);
		return 1;
	}
	char *m = mmap(0, 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
	unsigned long off = 0;
	slurp("/proc/self/maps");
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		unsigned long start;
		if (sscanf(line, "%lx-%*x %*s %lx", &start, &off) == 2 && start == (uintptr_t)m)
			break;
	}
	region_of(m, perms, name);
	printf("a file mapped at 4096: %s at offset %lu, %s\n", strcmp(name, tmp) == 0 ? "named" : name, off, perms);
	munmap(m, 4096);
	close(fd);
	unlink(tmp);

	slurp("/proc/self/stat");
	int pid = 0;
	char comm[64] = "";
	char state = 0;
	unsigned long startstack = 0;
	sscanf(text, "%d (%63[^)]) %c", &pid, comm, &state);
	char *after = strrchr(text, ')') + 2;
	for (int field = 3; field < 28 && after; field++)
		after = strchr(after, ' ') ? strchr(after, ' ') + 1 : 0;
	if (after)
		startstack = strtoul(after, 0, 10);
	printf("stat: pid %s, comm %s, state %c, start of stack %s\n", pid == getpid() ? "ours" : "other",
	       strcmp(comm, base(exe)) == 0 || strncmp(comm, base(exe), 15) == 0 ? "the file's" : comm, state,
	       startstack > (uintptr_t)&local ? "above our locals" : "wrong");

	bool named = strncmp(status_field("Name"), base(exe), 15) == 0;
	printf("status: Name %s, ", named ? "the file's" : "other");
	printf("Threads %s, ", status_field("Threads"));
	pthread_t t;
	pthread_create(&t, 0, idle, 0);
	char uid[64];
	snprintf(uid, sizeof(uid), "%u\t%u", getuid(), geteuid());
	printf("then %s; Uid %s\n", status_field("Threads"), strncmp(status_field("Uid"), uid, strlen(uid)) == 0 ? "ours" : "other");

	long len = slurp("/proc/self/auxv");
	int pagesz = 0, entry = 0;
	for (long i = 0; i + 16 <= len; i += 16) {
		Elf64_auxv_t a;
		memcpy(&a, text + i, sizeof(a));
		pagesz |= a.a_type == AT_PAGESZ && a.a_un.a_val == 4096;
		entry |= a.a_type == AT_ENTRY && a.a_un.a_val == getauxval(AT_ENTRY);
	}
	printf("auxv: %s, AT_PAGESZ %s, AT_ENTRY %s\n", len > 0 && len % 16 == 0 ? "pairs" : "odd", pagesz ? "4096" : "missing",
	       entry ? "the program's" : "wrong");

	len = slurp("/proc/self/cmdline");
	long want = 0;
	for (int i = 0; i < argc; i++)
		want += (long)strlen(argv[i]) + 1;
	printf("cmdline: %s\n", len == want && memcmp(text, argv[0], strlen(argv[0]) + 1) == 0 ? "argv" : "other");
	len = slurp("/proc/self/environ");
	printf("environ: %s\n", environ[0] && len > 0 && strcmp(text, environ[0]) == 0 ? "starts as ours" : "other");

	prctl(PR_SET_NAME, "renamed");
	slurp("/proc/self/comm");
	printf("comm after PR_SET_NAME: %s", text);
	char by_pid[64];
	snprintf(by_pid, sizeof(by_pid), "/proc/%d/comm", getpid());
	slurp(by_pid);
	printf("by pid: %s", text);

	pthread_attr_t attr;
	void *stack;
	size_t size;
	pthread_getattr_np(pthread_self(), &attr);
	pthread_attr_getstack(&attr, &stack, &size);
	printf("the main thread's stack: %s\n",
	       (uintptr_t)&local >= (uintptr_t)stack && (uintptr_t)&local < (uintptr_t)stack + size ? "holds our locals" : "wrong");
	return 0;
}
