/*
 * hc_host's library cases: opens with library=1, as the guest's loader makes
 * them, answered with copies rewritten by a stand-in rewriter (fake_rewrite.c,
 * beside hc_host, given to lib_copy_start as uhyve-run gives cocoon-rewrite),
 * the cache in DIR/cache. Each case checks the answers, the cache's entries
 * and how often the rewriter ran (DIR/runs, a line per run).
 */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fake_guest.h"
#include "hc_util.h"
#include "monitor/files.h"
#include "monitor/lib_copy.h"

#define AHEAD 256
#define TEXT_MAX 512

/* A shared object as far as the monitor looks (an x86-64 ELF header of that type), then text. */
static void make_elf(const char *rel, const char *text, uint16_t type)
{
	Elf64_Ehdr eh = { .e_type = type, .e_machine = EM_X86_64, .e_version = EV_CURRENT, .e_ehsize = sizeof(eh) };
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	char bytes[TEXT_MAX];
	size_t len = strlen(text);
	memcpy(bytes, &eh, sizeof(eh));
	memcpy(bytes + sizeof(eh), text, len + 1);
	int fd = open(host(rel), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, bytes, sizeof(eh) + len) != (ssize_t)(sizeof(eh) + len) || close(fd) < 0) {
		perror(host(rel));
		exit(2);
	}
}

static void make_lib(const char *rel, const char *text)
{
	make_elf(rel, text, ET_DYN);
}

/* Open path with library set as given; the whole answer (rewritten starts as garbage: the monitor's to set). */
static struct hc_open open_lib(const char *path, int flags, uint8_t library)
{
	char zero[AHEAD] = { 0 };
	struct hc_open req = { .path = fake_str(path), .path_len = strlen(path), .flags = flags, .library = library,
			       .rewritten = 7, .ahead = fake_put(zero, AHEAD), .ahead_len = AHEAD };
	fake_call(HC_OPEN, &req, sizeof(req));
	return req;
}

/* The text after the ELF header in the bytes read through a handle, or "" on failure. */
static const char *text_of(int64_t handle)
{
	static char text[TEXT_MAX];
	struct hc_io io = { .handle = (int)handle, .buf = fake_put(text, sizeof(text)), .len = sizeof(text) - 1 };
	fake_call(HC_READ, &io, sizeof(io));
	size_t n = io.ret > (int64_t)sizeof(Elf64_Ehdr) ? (size_t)io.ret : sizeof(Elf64_Ehdr);
	memcpy(text, fake_at(io.buf), n);
	text[n] = 0;
	return text + sizeof(Elf64_Ehdr);
}

/* The same text from what the open read ahead. */
static const char *ahead_text(const struct hc_open *req)
{
	static char text[AHEAD + 1];
	size_t n = req->ahead_got > (int64_t)sizeof(Elf64_Ehdr) ? (size_t)req->ahead_got : sizeof(Elf64_Ehdr);
	memcpy(text, fake_at(req->ahead), n);
	text[n] = 0;
	return text + sizeof(Elf64_Ehdr);
}

/* How often the rewriter ran. */
static int runs(void)
{
	FILE *f = fopen(host("runs"), "r");
	char line[256];
	int n = 0;
	while (f && fgets(line, sizeof(line), f))
		n += strncmp(line, "run ", 4) == 0;
	if (f)
		fclose(f);
	return n;
}

/* The rewriter's last line in DIR/runs starting with word, or "". */
static const char *logged(const char *word)
{
	static char last[256];
	FILE *f = fopen(host("runs"), "r");
	char line[256];
	last[0] = 0;
	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, word, strlen(word)) == 0)
			strcpy(last, line);
	if (f)
		fclose(f);
	last[strcspn(last, "\n")] = 0;
	return last;
}

/* The cache's entries: how many, how many empty, and the name of one of them; temporaries apart. */
struct entries {
	int n, empty, temporary;
	char name[NAME_MAX + 1];
};

static struct entries entries(void)
{
	struct entries e = { 0 };
	DIR *d = opendir(host("cache/cocoon"));
	for (struct dirent *de; d && (de = readdir(d));) {
		struct stat st;
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
		    fstatat(dirfd(d), de->d_name, &st, 0) < 0)
			continue;
		if (de->d_name[0] == '.') {
			e.temporary++;
			continue;
		}
		e.n++;
		e.empty += st.st_size == 0;
		strcpy(e.name, de->d_name);
	}
	if (d)
		closedir(d);
	return e;
}

/* The rewrite server: the process whose parent we are, or 0. */
static pid_t server_pid(void)
{
	DIR *d = opendir("/proc");
	pid_t found = 0;
	for (struct dirent *e; d && (e = readdir(d)) && !found;) {
		char path[300], stat_line[512];
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		FILE *f = e->d_name[0] >= '1' && e->d_name[0] <= '9' ? fopen(path, "r") : NULL;
		int ppid = 0;
		/* pid (comm) state ppid: the name may hold anything but ends at the last ')'. */
		if (f && fgets(stat_line, sizeof(stat_line), f) && strrchr(stat_line, ')') &&
		    sscanf(strrchr(stat_line, ')') + 2, "%*c %d", &ppid) == 1 && ppid == getpid())
			found = atoi(e->d_name);
		if (f)
			fclose(f);
	}
	if (d)
		closedir(d);
	return found;
}

/* Is pid gone, or a zombie? Waits up to seconds for it. */
static bool ends_within(pid_t pid, int seconds)
{
	for (int i = 0; i < seconds * 100; i++) {
		char path[64], line[512];
		snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
		FILE *f = fopen(path, "r");
		bool alive = f && fgets(line, sizeof(line), f) && strrchr(line, ')') && strrchr(line, ')')[2] != 'Z';
		if (f)
			fclose(f);
		if (!alive)
			return true;
		struct timespec tick = { 0, 10 * 1000000 };
		nanosleep(&tick, NULL);
	}
	return false;
}

/* fake_rewrite, beside hc_host. */
static const char *fake_rewriter(void)
{
	static char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 32);
	char *slash = n > 0 ? memrchr(path, '/', (size_t)n) : NULL;
	if (!slash) {
		fprintf(stderr, "cannot find hc_host's directory\n");
		exit(2);
	}
	strcpy(slash + 1, "fake_rewrite");
	return path;
}

/* A writable mount /w, copies made by fake_rewrite (as uhyve-run starts them), the cache in DIR/cache with cache. */
static void setup_with(bool cache)
{
	make_dir("w");
	make_dir("cache");
	char spec[4200];
	snprintf(spec, sizeof(spec), "%s:/w", host("w"));
	files_mount(spec);
	if (cache)
		setenv("XDG_CACHE_HOME", host("cache"), 1);
	setenv("FAKE_REWRITE_LOG", host("runs"), 1);
	lib_copy_start(fake_rewriter());
}

static void setup(void)
{
	setup_with(true);
}

static int64_t file_op(int64_t handle, int op, uint64_t arg, uint64_t arg3)
{
	struct hc_fileop req = { .handle = (int)handle, .op = op, .arg = arg, .arg3 = arg3 };
	fake_call(HC_FILEOP, &req, sizeof(req));
	return req.ret;
}

/* (a), (b): the loader's open gets the copy, made once and then found in the cache; another open the original. */
void case_lib_copy(void)
{
	setup();
	make_lib("w/libc.so", "the library\n");
	ready();
	struct hc_open plain = open_lib("/w/libc.so", O_RDONLY, 0);
	check(plain.ret >= 3 && plain.rewritten == 0, "library=0: a handle, not rewritten (%lld, %d)", (long long)plain.ret,
	      plain.rewritten);
	check(strcmp(text_of(plain.ret), "the library\n") == 0, "its bytes are the original's");
	check(runs() == 0 && entries().n == 0, "no rewrite, no entry");

	struct hc_open lib = open_lib("/w/libc.so", O_RDONLY, 1);
	check(lib.ret >= 3 && lib.rewritten == 1, "library=1: rewritten (%lld, %d)", (long long)lib.ret, lib.rewritten);
	check(strcmp(text_of(lib.ret), "the library\nREWRITTEN\n") == 0, "its bytes are the copy's: '%s'", text_of(lib.ret));
	check(strcmp(ahead_text(&lib), "the library\nREWRITTEN\n") == 0, "and so are those read ahead");
	check(lib.alias == -1, "the copy is not the original's alias (%d)", lib.alias);
	struct stat st;
	struct hc_fstat fs = { .handle = (int)lib.ret, .statbuf = fake_put(&st, sizeof(st)) };
	fake_call(HC_FSTAT, &fs, sizeof(fs));
	memcpy(&st, fake_at(fs.statbuf), sizeof(st));
	check(fs.ret == 0 && st.st_size == (off_t)(sizeof(Elf64_Ehdr) + 22), "fstat gives the copy's size (%lld)",
	      (long long)st.st_size);
	struct entries e = entries();
	check(runs() == 1 && e.n == 1 && e.empty == 0 && e.temporary == 0, "one run, one entry (%d, %d)", runs(), e.n);

	struct hc_open again = open_lib("/w/libc.so", O_RDONLY | O_CLOEXEC, 1);
	check(again.rewritten == 1 && strcmp(text_of(again.ret), "the library\nREWRITTEN\n") == 0,
	      "a second open: the copy again");
	check(again.alias == lib.ret, "the same file as the first copy (alias %d)", again.alias);
	check(runs() == 1 && entries().n == 1, "from the cache: the rewriter did not run again (%d)", runs());
	check(strcmp(text_of(plain.ret), "the library\n") == 0, "the original is unchanged");
}

/* (c): what is not a shared object (nor a program execve opens), or not opened read-only, is never rewritten. */
void case_lib_not_library(void)
{
	setup();
	make_file("w/notes.txt", "just text, long enough to be taken for an ELF header if nothing were checked....", 0644);
	make_elf("w/prog", "a program\n", ET_EXEC);
	make_lib("w/mine.so", "mine\n");
	make_file("w/short", "\x7f" "ELF", 0644);
	ready();
	struct hc_open r = open_lib("/w/notes.txt", O_RDONLY, 1);
	check(r.ret >= 3 && r.rewritten == 0, "a text file: the original (%lld, %d)", (long long)r.ret, r.rewritten);
	r = open_lib("/w/prog", O_RDONLY, 1);
	check(r.ret >= 3 && r.rewritten == 0 && strcmp(text_of(r.ret), "a program\n") == 0, "an ELF program: the original");
	r = open_lib("/w/short", O_RDONLY, 1);
	check(r.ret >= 3 && r.rewritten == 0, "a file shorter than an ELF header: the original");
	r = open_lib("/w", O_RDONLY | O_DIRECTORY, 1);
	check(r.ret >= 3 && r.rewritten == 0, "a directory: itself");
	r = open_lib("/w/mine.so", O_RDWR, 1);
	check(r.ret >= 3 && r.rewritten == 0, "a library opened to write: the original");
	check(fake_write((int)r.ret, "\n", 1, sizeof(Elf64_Ehdr) + 5) == 1 && size_of("w/mine.so") == (off_t)sizeof(Elf64_Ehdr) + 6,
	      "and it is written");
	r = open_lib("/w/mine.so", O_RDONLY | O_CREAT, 1);
	check(r.ret >= 3 && r.rewritten == 0, "one opened with O_CREAT: the original");
	r = open_lib("/w/missing.so", O_RDONLY, 1);
	check(r.ret == -ENOENT && r.rewritten == 0, "a missing one: ENOENT, rewritten 0 (%d)", r.rewritten);
	r = open_lib("/w/mine.so", O_RDONLY, 3);
	check(r.ret >= 3 && r.rewritten == 0, "library neither 0, 1 nor 2: the original");
	r = open_lib("/w/notes.txt", O_RDONLY, HC_OPEN_PROGRAM);
	check(r.ret >= 3 && r.rewritten == 0, "a text file execve opens: the original");
	check(runs() == 0 && entries().n == 0 && entries().temporary == 0, "no rewrite, no entry (%d, %d)", runs(),
	      entries().n);
	/* execve's program, static (ET_EXEC) or not, gets its copy as a library does. */
	r = open_lib("/w/prog", O_RDONLY, HC_OPEN_PROGRAM);
	check(r.ret >= 3 && r.rewritten == 1 && strcmp(text_of(r.ret), "a program\nREWRITTEN\n") == 0,
	      "an ELF program execve opens: its copy (%d)", r.rewritten);
	check(runs() == 1 && entries().n == 1, "one rewrite, one entry (%d, %d)", runs(), entries().n);
}

/* (d): a library the rewriter refuses is the original, recorded by an empty entry, not tried again. */
void case_lib_refused(void)
{
	setup();
	make_lib("w/odd.so", "REFUSE me\n");
	ready();
	struct hc_open r = open_lib("/w/odd.so", O_RDONLY, 1);
	check(r.ret >= 3 && r.rewritten == 0 && strcmp(text_of(r.ret), "REFUSE me\n") == 0, "refused: the original (%d)",
	      r.rewritten);
	struct entries e = entries();
	check(runs() == 1 && e.n == 1 && e.empty == 1 && e.temporary == 0, "one run, one empty entry (%d, %d, %d)", runs(),
	      e.n, e.empty);
	r = open_lib("/w/odd.so", O_RDONLY, 1);
	check(r.ret >= 3 && r.rewritten == 0 && runs() == 1, "again: the original, without a run (%d)", runs());
}

/* (e): nothing written through the copy's handle reaches it, as for a read-only mount's file. */
void case_lib_read_only(void)
{
	setup();
	make_lib("w/lib.so", "the library\n");
	uint64_t owner = ((uint64_t)getuid() << 32) | getgid();
	ready();
	struct hc_open r = open_lib("/w/lib.so", O_RDONLY, 1);
	check(r.rewritten == 1, "rewritten");
	struct entries e = entries();
	char entry[PATH_MAX];
	snprintf(entry, sizeof(entry), "cache/cocoon/%s", e.name);
	off_t size = size_of(entry);
	mode_t mode = mode_of(entry);
	check(fake_write((int)r.ret, "x", 1, 0) == -EBADF, "write: EBADF");
	check(fake_write((int)r.ret, "x", 1, -1) == -EBADF, "write at its position: EBADF");
	struct hc_seg seg = { .gpa = fake_put("x", 1), .len = 1 };
	struct hc_iov iov = { .handle = (int)r.ret, .segs = fake_put(&seg, sizeof(seg)), .nseg = 1, .offset = 0 };
	fake_call(HC_WRITEV, &iov, sizeof(iov));
	check(iov.ret == -EBADF, "writev: EBADF (%lld)", (long long)iov.ret);
	int64_t other = fake_open("/w/other", O_RDWR | O_CREAT, 0644);
	fake_write((int)other, "data", 4, 0);
	struct hc_sendfile sf = { .in = (int)other, .out = (int)r.ret, .in_offset = 0, .out_offset = 0, .len = 4 };
	fake_call(HC_SENDFILE, &sf, sizeof(sf));
	check(sf.ret < 0, "a copy into it: refused (%lld)", (long long)sf.ret);
	check(file_op(r.ret, HC_FILE_FCHMOD, 0666, 0) == -EROFS, "fchmod: EROFS");
	check(file_op(r.ret, HC_FILE_FCHOWN, owner, 0) == -EROFS, "fchown: EROFS");
	check(file_op(r.ret, HC_FILE_FTRUNCATE, 0, 0) == -EROFS, "ftruncate: EROFS");
	check(file_op(r.ret, HC_FILE_FALLOCATE, 0, 4096) == -EROFS, "fallocate: EROFS");
	check(size_of(entry) == size && mode_of(entry) == mode && size_of("w/lib.so") == (off_t)sizeof(Elf64_Ehdr) + 12,
	      "the entry and the library are unchanged");
}

/* (f): one run makes at most LIB_REWRITES_MAX copies; those made still serve. */
void case_lib_limit(void)
{
	setup();
	char rel[32], path[32], text[32];
	for (int i = 0; i <= LIB_REWRITES_MAX + 1; i++) {
		snprintf(rel, sizeof(rel), "w/lib%d.so", i);
		snprintf(text, sizeof(text), "library %d\n", i);
		make_lib(rel, text);
	}
	ready();
	int rewritten = 0;
	for (int i = 0; i < LIB_REWRITES_MAX; i++) {
		snprintf(path, sizeof(path), "/w/lib%d.so", i);
		struct hc_open r = open_lib(path, O_RDONLY, 1);
		rewritten += r.rewritten == 1;
		fake_close((int)r.ret);
		fake_reset_heap();
	}
	check(rewritten == LIB_REWRITES_MAX && runs() == LIB_REWRITES_MAX, "%d libraries rewritten (%d, %d runs)",
	      LIB_REWRITES_MAX, rewritten, runs());
	snprintf(path, sizeof(path), "/w/lib%d.so", LIB_REWRITES_MAX);
	struct hc_open r = open_lib(path, O_RDONLY, 1);
	check(r.ret >= 3 && r.rewritten == 0 && runs() == LIB_REWRITES_MAX, "one more: the original, no run (%d)", runs());
	snprintf(path, sizeof(path), "/w/lib%d.so", LIB_REWRITES_MAX + 1);
	r = open_lib(path, O_RDONLY, 1);
	check(r.ret >= 3 && r.rewritten == 0 && runs() == LIB_REWRITES_MAX, "and another");
	r = open_lib("/w/lib0.so", O_RDONLY, 1);
	check(r.rewritten == 1 && strcmp(text_of(r.ret), "library 0\nREWRITTEN\n") == 0, "a copy made still serves");
	check(entries().n == LIB_REWRITES_MAX, "%d entries (%d)", LIB_REWRITES_MAX, entries().n);
}

/* (g): a library changed (its times, its bytes in place, or another file at its path) gets a new copy. */
void case_lib_changed(void)
{
	setup();
	make_lib("w/lib.so", "first\n");
	ready();
	struct hc_open r = open_lib("/w/lib.so", O_RDONLY, 1);
	struct entries first = entries();
	check(r.rewritten == 1 && runs() == 1 && first.n == 1, "rewritten");
	struct timespec times[2] = { { 981173106, 0 }, { 981173106, 0 } };
	utimensat(AT_FDCWD, host("w/lib.so"), times, 0);
	r = open_lib("/w/lib.so", O_RDONLY, 1);
	struct entries touched = entries();
	check(r.rewritten == 1 && runs() == 2, "touched: rewritten again (%d runs)", runs());
	check(touched.n == 1 && strcmp(touched.name, first.name) != 0, "its new entry replaces the old one (%d)", touched.n);
	make_lib("w/lib.so", "second\n");
	r = open_lib("/w/lib.so", O_RDONLY, 1);
	check(r.rewritten == 1 && runs() == 3 && strcmp(text_of(r.ret), "second\nREWRITTEN\n") == 0,
	      "written in place: the new bytes rewritten");
	make_lib("w/new.so", "third\n");
	renameat(AT_FDCWD, host("w/new.so"), AT_FDCWD, host("w/lib.so"));
	r = open_lib("/w/lib.so", O_RDONLY, 1);
	check(r.rewritten == 1 && runs() == 4 && strcmp(text_of(r.ret), "third\nREWRITTEN\n") == 0,
	      "replaced by another file: that one rewritten");
	check(entries().n == 1, "one entry for the path (%d)", entries().n);
}

/* Without a usable cache no copies, and no server. */
void case_lib_no_cache(void)
{
	unsetenv("HOME");
	unsetenv("XDG_CACHE_HOME");
	setup_with(false);
	make_lib("w/lib.so", "the library\n");
	check(server_pid() == 0, "no rewrite server");
	ready();
	struct hc_open r = open_lib("/w/lib.so", O_RDONLY, 1);
	check(r.ret >= 3 && r.rewritten == 0 && runs() == 0, "the original, no run");
}

/* A server that has died costs the missing copies only: no hang, no end of the VM, the cache still serves. */
void case_lib_server_gone(void)
{
	setup();
	make_lib("w/a.so", "a\n");
	make_lib("w/b.so", "b\n");
	pid_t server = server_pid();
	alarm(20);
	ready();
	struct hc_open r = open_lib("/w/a.so", O_RDONLY, 1);
	check(r.rewritten == 1, "a rewritten");
	/* tgkill: what the confined monitor may send (its own threads'). */
	check(server > 0 && syscall(SYS_tgkill, server, server, SIGKILL) == 0 && ends_within(server, 5),
	      "the server killed");
	r = open_lib("/w/b.so", O_RDONLY, 1);
	check(r.ret >= 3 && r.rewritten == 0 && strcmp(text_of(r.ret), "b\n") == 0, "b then: the original");
	r = open_lib("/w/a.so", O_RDONLY, 1);
	check(r.rewritten == 1, "a from the cache still");
	check(runs() == 1, "one run");
}

/* How many descriptors pid has, how many of 0, 1 and 2 are /dev/null, whether 3 is a socket. */
static void server_fds(pid_t pid, int *fds, int *null, int *sockets)
{
	char path[64], link[64];
	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	DIR *d = opendir(path);
	*fds = *null = *sockets = 0;
	for (struct dirent *e; d && (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		char fd_path[384];
		snprintf(fd_path, sizeof(fd_path), "%s/%s", path, e->d_name);
		ssize_t n = readlink(fd_path, link, sizeof(link) - 1);
		link[n > 0 ? n : 0] = 0;
		(*fds)++;
		*null += strcmp(link, "/dev/null") == 0 && atoi(e->d_name) <= 2;
		*sockets += strncmp(link, "socket:", 7) == 0 && atoi(e->d_name) == 3;
	}
	if (d)
		closedir(d);
}

/* The server holds nothing of ours and runs confined; so does the rewriter it runs. */
void case_lib_server_confined(void)
{
	setup();
	make_lib("w/lib.so", "the library\n");
	pid_t server = server_pid();
	ready();
	/* Once it has answered, it is confined. */
	struct hc_open r = open_lib("/w/lib.so", O_RDONLY, 1);
	check(r.rewritten == 1, "a library rewritten");
	check(strcmp(logged("run"), "run socket EPERM fds 0 1 2 3") == 0,
	      "the rewriter could make no socket and had its input and streams only: '%s'", logged("run"));
	char path[64], line[256];
	snprintf(path, sizeof(path), "/proc/%d/status", (int)server);
	FILE *f = fopen(path, "r");
	bool seccomp = false, nnp = false;
	while (f && fgets(line, sizeof(line), f)) {
		seccomp |= strcmp(line, "Seccomp:\t2\n") == 0;
		nnp |= strcmp(line, "NoNewPrivs:\t1\n") == 0;
	}
	if (f)
		fclose(f);
	check(server > 0 && seccomp && nnp, "the server: Seccomp 2, NoNewPrivs 1");
	/* It closes the copy it sent just after sending it. */
	int fds = 0, null = 0, sockets = 0;
	for (int i = 0; i < 100 && fds != 4; i++) {
		usleep(i ? 10000 : 0);
		server_fds(server, &fds, &null, &sockets);
	}
	check(fds == 4 && null == 3 && sockets == 1, "its descriptors: /dev/null as 0, 1, 2 and its socket (%d)", fds);
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)server);
	f = fopen(path, "r");
	int session = 0;
	if (f && fgets(line, sizeof(line), f) && strrchr(line, ')'))
		sscanf(strrchr(line, ')') + 2, "%*c %*d %*d %d", &session);
	if (f)
		fclose(f);
	check(session == server, "its own session: no terminal (%d)", session);
}

/* When the monitor ends during a rewrite, the server stops it and ends, leaving nothing behind. */
void case_lib_monitor_gone(void)
{
	make_dir("w");
	make_lib("w/slow.so", "SLOW\n");
	/* The monitor is a child here, the server its child: we hold nothing of theirs. */
	pid_t monitor = fork();
	if (monitor == 0) {
		setup();
		ready();
		open_lib("/w/slow.so", O_RDONLY, 1);
		_exit(0);
	}
	for (int i = 0; i < 500 && !*logged("slow"); i++)
		usleep(10000);
	int rewriter = atoi(logged("slow") + 5), server = 0;
	char path[64], line[512];
	snprintf(path, sizeof(path), "/proc/%d/stat", rewriter);
	FILE *f = fopen(path, "r");
	if (f && fgets(line, sizeof(line), f) && strrchr(line, ')'))
		sscanf(strrchr(line, ')') + 2, "%*c %d", &server);
	if (f)
		fclose(f);
	check(rewriter > 0 && server > 0, "a rewrite under way (%d, by %d)", rewriter, server);
	kill(monitor, SIGKILL);
	waitpid(monitor, NULL, 0);
	check(rewriter > 0 && ends_within(rewriter, 5), "the rewriter stopped");
	check(server > 0 && ends_within(server, 5), "the server ended");
	struct entries e = entries();
	check(e.n == 0 && e.temporary == 0, "no entry, no file left (%d, %d)", e.n, e.temporary);
}
