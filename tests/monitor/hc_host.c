/*
 * The monitor's hypercall handlers driven on the host as a hostile guest
 * drives them (fake_guest.h): each case sets up mounts in a scratch
 * directory, makes its calls and checks both the answers and the host files.
 *
 * Usage: hc_host [--confined] CASE DIR
 *   --confined: install the monitor's seccomp filter first (confine.c), as
 *   uhyve-run does before its guest runs: the handlers must still work.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "fake_guest.h"
#include "hc_util.h"
#include "monitor/confine.h"
#include "monitor/files.h"
#include "monitor/handlers.h"
#include "monitor/vm.h"

/* 1: nothing of a read-only mount changes, by handle (whatever its access) or by path. */
static void case_ro_inode(void)
{
	make_dir("ro");
	make_file("ro/f", "keep", 0644);
	chmod(host("ro"), 0755);
	char spec[4200];
	snprintf(spec, sizeof(spec), "%s:/r:ro", host("ro"));
	files_mount(spec);
	uint64_t owner = ((uint64_t)getuid() << 32) | getgid();
	ready();

	int64_t h = fake_open("/r/f", O_RDONLY, 0), root = fake_open("/r", O_RDONLY | O_DIRECTORY, 0);
	check(h >= 3 && root >= 3, "open read-only: %lld %lld", (long long)h, (long long)root);
	check(fake_fileop((int)h, HC_FILE_FCHMOD, 04777) == -EROFS, "fchmod of a file: EROFS");
	check(fake_fileop((int)root, HC_FILE_FCHMOD, 0777) == -EROFS, "fchmod of the mount's root: EROFS");
	check(fake_fileop((int)h, HC_FILE_FCHOWN, owner) == -EROFS, "fchown: EROFS");
	check(fake_fileop((int)root, HC_FILE_FCHOWN, owner) == -EROFS, "fchown of the root: EROFS");
	check(fake_fileop((int)h, HC_FILE_FTRUNCATE, 0) == -EROFS, "ftruncate: EROFS");
	struct hc_fileop fa = { .handle = (int)h, .op = HC_FILE_FALLOCATE, .arg = 0, .arg2 = 0, .arg3 = 4096 };
	fake_call(HC_FILEOP, &fa, sizeof(fa));
	check(fa.ret == -EROFS, "fallocate: EROFS (%lld)", (long long)fa.ret);
	check(fake_write((int)h, "x", 1, 0) < 0, "write to a read-only handle fails");
	check(fake_fileop((int)h, HC_FILE_FSYNC, 0) == 0, "fsync still works");
	check(fake_pathop(HC_PATH_CHMOD, "/r/f", NULL, 04777) == -EROFS, "chmod by path: EROFS");
	check(fake_pathop(HC_PATH_CHMOD, "/r", NULL, 0777) == -EROFS, "chmod of the root by path: EROFS");
	check(fake_pathop(HC_PATH_CHOWN, "/r/f", NULL, owner) == -EROFS, "chown by path: EROFS");
	check(fake_pathop(HC_PATH_UTIMENS, "/r/f", NULL, 0) == -EROFS, "utimens by path: EROFS");
	check(fake_pathop(HC_PATH_TRUNCATE, "/r/f", NULL, 0) == -EROFS, "truncate by path: EROFS");
	check(fake_pathop(HC_PATH_ACCESS, "/r/f", NULL, W_OK) == -EROFS, "access W_OK: EROFS");
	check(fake_pathop(HC_PATH_ACCESS, "/r/f", NULL, R_OK) == 0, "access R_OK: 0");
	check(fake_open("/r/f", O_RDWR, 0) == -EROFS, "open O_RDWR: EROFS");
	check(mode_of("ro/f") == 0644 && mode_of("ro") == 0755 && size_of("ro/f") == 4, "the host files are unchanged");
}

/* 2: a symlink in a writable mount leads into a read-only one nested in it: refused as there. */
static void case_nested_ro(void)
{
	make_dir("d");
	make_dir("d/sub");
	make_file("d/sub/keep", "keep", 0644);
	char spec[4200];
	snprintf(spec, sizeof(spec), "%s:/d", host("d"));
	files_mount(spec);
	snprintf(spec, sizeof(spec), "%s:/d/sub:ro", host("d/sub"));
	files_mount(spec);
	ready();

	check(fake_pathop(HC_PATH_SYMLINK, "/d/alias", "sub", 0) == 0, "symlink /d/alias -> sub");
	check(fake_pathop(HC_PATH_SYMLINK, "/d/alias_keep", "sub/keep", 0) == 0, "symlink /d/alias_keep -> sub/keep");
	check(fake_pathop(HC_PATH_SYMLINK, "/d/dangling", "sub/new", 0) == 0, "symlink /d/dangling -> sub/new");
	check(fake_open("/d/alias/file", O_WRONLY | O_CREAT, 0644) == -EROFS, "create through the link: EROFS");
	check(fake_open("/d/alias_keep", O_WRONLY | O_TRUNC, 0) == -EROFS, "truncate-open through a file link: EROFS");
	check(fake_open("/d/dangling", O_WRONLY | O_CREAT, 0644) == -EROFS, "create through a dangling link: EROFS");
	check(fake_pathop(HC_PATH_UNLINK, "/d/alias/keep", NULL, 0) == -EROFS, "unlink through the link: EROFS");
	check(fake_pathop(HC_PATH_MKDIR, "/d/alias/new", NULL, 0755) == -EROFS, "mkdir through the link: EROFS");
	check(fake_pathop(HC_PATH_CHMOD, "/d/alias", NULL, 0777) == -EROFS, "chmod of the ro root through the link: EROFS");
	check(fake_pathop(HC_PATH_CHMOD, "/d/alias_keep", NULL, 04777) == -EROFS, "chmod through a file link: EROFS");
	check(fake_pathop(HC_PATH_TRUNCATE, "/d/alias_keep", NULL, 0) == -EROFS, "truncate through a file link: EROFS");
	check(fake_pathop(HC_PATH_LINK, "/d/alias/keep", "/d/hard", 0) == -EROFS, "hard link out of it: EROFS");
	make_file("d/mine", "mine", 0644);
	check(fake_pathop(HC_PATH_RENAME, "/d/mine", "/d/alias/mine", 0) == -EROFS, "rename into it: EROFS");
	int64_t h = fake_open("/d/alias_keep", O_RDONLY, 0);
	check(h >= 3, "open read-only through a file link: %lld", (long long)h);
	check(fake_fileop((int)h, HC_FILE_FCHMOD, 04777) == -EROFS, "fchmod of that handle: EROFS");
	check(!exists("d/sub/file") && !exists("d/sub/new") && !exists("d/sub/mine") && !exists("d/sub/new") &&
		      size_of("d/sub/keep") == 4 && mode_of("d/sub/keep") == 0644 && mode_of("d/sub") == 0755,
	      "the read-only directory is unchanged");
	/* The writable mount still is. */
	int64_t w = fake_open("/d/ok", O_WRONLY | O_CREAT, 0644);
	check(w >= 3 && fake_write((int)w, "ok", 2, -1) == 2, "a file of the writable mount is written");
	check(fake_pathop(HC_PATH_SYMLINK, "/d/ok_link", "ok", 0) == 0 && fake_open("/d/ok_link", O_WRONLY | O_TRUNC, 0) >= 3,
	      "a link within the writable mount is followed for writing");
	check(fake_pathop(HC_PATH_RENAME, "/d/mine", "/d/mine2", 0) == 0, "rename within the writable mount");
}

static void *open_in_thread(void *path)
{
	return (void *)(intptr_t)fake_open(path, O_RDONLY, 0);
}

/* 8: opening a FIFO cannot hold up the file calls (it would wait for a writer forever). */
static void case_fifo_open(void)
{
	make_dir("m");
	char spec[4200];
	snprintf(spec, sizeof(spec), "%s:/m", host("m"));
	files_mount(spec);
	if (mkfifo(host("m/fifo"), 0644) < 0) {
		perror("mkfifo");
		exit(2);
	}
	alarm(10);
	ready();
	pthread_t t;
	void *ret;
	pthread_create(&t, NULL, open_in_thread, "/m/fifo");
	pthread_join(t, &ret);
	check((intptr_t)ret == -ENXIO, "open of a FIFO: ENXIO at once (%ld)", (long)(intptr_t)ret);
	check(fake_open("/m/fifo", O_WRONLY, 0) == -ENXIO, "open of a FIFO for writing: ENXIO");
	check(fake_open("/m", O_RDONLY | O_DIRECTORY, 0) >= 3, "other files still open");
}

/* 5: beneath a mount, /proc and /sys and devices stay out of reach. */
static void case_pseudo_open(void)
{
	files_mount("/:/host");
	ready();
	check(fake_open("/host/proc/self/environ", O_RDONLY, 0) == -EACCES, "/proc/self/environ: EACCES");
	check(fake_open("/host/proc/self/mem", O_RDWR, 0) == -EACCES, "/proc/self/mem: EACCES");
	check(fake_open("/host/sys/kernel/uevent_seqnum", O_RDONLY, 0) < 0, "a /sys file: refused");
	check(fake_open("/host/dev/null", O_RDONLY, 0) == -EACCES, "a device: EACCES");
	check(fake_open("/host/etc/hostname", O_RDONLY, 0) >= 3 || !exists("/etc/hostname"), "an ordinary file opens");
}

static struct hc_ring *ring(void)
{
	return fake_at(BOOT_RING_GPA);
}

/* Post (nr, gpa) in the last ring slot; true if it was served within a second. */
static bool ring_post(uint32_t nr, uint64_t gpa)
{
	struct hc_slot *s = &ring()->slot[HC_RING_SLOTS - 1];
	uint32_t seq = s->seq + 1;
	s->nr = nr;
	s->gpa = gpa;
	__atomic_store_n(&s->seq, seq, __ATOMIC_SEQ_CST);
	struct hc_ring_wait rw = { .slot = HC_RING_SLOTS - 1 };
	fake_call(HC_RING_WAIT, &rw, sizeof(rw));
	for (int i = 0; i < 1000 && __atomic_load_n(&s->done, __ATOMIC_ACQUIRE) != seq; i++)
		usleep(1000);
	return __atomic_load_n(&s->done, __ATOMIC_ACQUIRE) == seq;
}

/* 3: what would deadlock the I/O thread or a vCPU's is refused inside batches and ring slots. */
static void case_batch_nesting(void)
{
	alarm(10); /* a deadlock fails the case rather than hang it */
	ready();
	struct hc_ring_wait rw = { .slot = 0 };
	uint64_t rw_gpa = fake_put(&rw, sizeof(rw));
	struct hc_exit ex = { .status = 3 };
	uint64_t ex_gpa = fake_put(&ex, sizeof(ex));
	struct hc_call calls[2] = { { .nr = HC_RING_WAIT, .block = rw_gpa } };
	/* Slot 0 pending: RING_WAIT would wait for the I/O thread, which waits for the lock the batch holds. */
	ring()->slot[0].nr = HC_CLOCK;
	__atomic_store_n(&ring()->slot[0].seq, ring()->slot[0].seq + 1, __ATOMIC_SEQ_CST);
	struct hc_batch b = { .calls = fake_put(calls, sizeof(calls[0])), .n = 1 };
	int status = fake_call(HC_BATCH, &b, sizeof(b));
	check(status == GO_ON && b.ret == -EINVAL, "RING_WAIT in a batch: EINVAL (%lld)", (long long)b.ret);
	calls[0] = (struct hc_call){ .nr = HC_EXIT, .block = ex_gpa };
	b = (struct hc_batch){ .calls = fake_put(calls, sizeof(calls[0])), .n = 1 };
	status = fake_call(HC_BATCH, &b, sizeof(b));
	check(status == GO_ON && b.ret == -EINVAL, "EXIT in a batch: EINVAL");
	struct hc_cpu_start cs = { .cpu = 1 };
	calls[0] = (struct hc_call){ .nr = HC_CPU_START, .block = fake_put(&cs, sizeof(cs)) };
	b = (struct hc_batch){ .calls = fake_put(calls, sizeof(calls[0])), .n = 1 };
	fake_call(HC_BATCH, &b, sizeof(b));
	check(b.ret == -EINVAL, "CPU_START in a batch: EINVAL");

	/* A batch in a ring slot runs on the I/O thread: RING_WAIT there would wait for itself. */
	calls[0] = (struct hc_call){ .nr = HC_RING_WAIT, .block = fake_put(&(struct hc_ring_wait){ .slot = HC_RING_SLOTS - 1 }, sizeof(rw)) };
	uint64_t b_gpa = fake_put(&(struct hc_batch){ .calls = fake_put(calls, sizeof(calls[0])), .n = 1 }, sizeof(b));
	check(ring_post(HC_BATCH, b_gpa), "a batch with RING_WAIT in a ring slot is served");
	check(((struct hc_batch *)fake_at(b_gpa))->ret == -EINVAL, "and refused: EINVAL");
	calls[0] = (struct hc_call){ .nr = HC_EXIT, .block = ex_gpa };
	b_gpa = fake_put(&(struct hc_batch){ .calls = fake_put(calls, sizeof(calls[0])), .n = 1 }, sizeof(b));
	check(ring_post(HC_BATCH, b_gpa) && ((struct hc_batch *)fake_at(b_gpa))->ret == -EINVAL,
	      "a batch with EXIT in a ring slot: EINVAL, the VM goes on");
	struct hc_clock c = { .clock = CLOCK_MONOTONIC };
	uint64_t c_gpa = fake_put(&c, sizeof(c));
	check(ring_post(HC_CLOCK, c_gpa) && ((struct hc_clock *)fake_at(c_gpa))->ret == 0, "the ring still serves");
}

/* 4: without --net the kick port is no port at all; nothing goes to any descriptor. */
static void case_kick_without_net(void)
{
	int p[2];
	if (pipe(p) < 0 || dup2(p[0], 0) < 0) {
		perror("pipe");
		exit(2);
	}
	ready();
	int status = vm_port_call(&fake, HC_NET_KICK_PORT, 4, 1);
	int queued = -1;
	ioctl(p[1], FIONREAD, &queued);
	int queued0 = -1;
	ioctl(0, FIONREAD, &queued0);
	check(status == 125, "kick without a network device: ends the VM with 125 (%d)", status);
	check(queued == 0 && queued0 == 0, "nothing written to descriptor 0");
}

/* 9: the filter is in place with no_new_privs, and a call it does not allow ends the process with a line. */
static void case_confined_status(void)
{
	ready();
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	bool seccomp = false, nnp = false;
	while (f && fgets(line, sizeof(line), f)) {
		seccomp |= strcmp(line, "Seccomp:\t2\n") == 0;
		nnp |= strcmp(line, "NoNewPrivs:\t1\n") == 0;
	}
	check(seccomp && nnp, "/proc/self/status: Seccomp 2, NoNewPrivs 1");
}

static void case_confined_denied(void)
{
	ready();
	printf("calling socket()\n");
	fflush(stdout);
	socket(AF_INET, SOCK_STREAM, 0);
	check(false, "socket() was allowed");
}

/* 9: descriptors uhyve-run inherited are closed, its standard streams kept. */
static void case_close_inherited(void)
{
	int fd = open("/dev/null", O_RDONLY);
	check(fd > 2 && dup2(fd, 100) == 100, "descriptors 100 and %d open", fd);
	close_inherited();
	check(fcntl(fd, F_GETFD) < 0 && fcntl(100, F_GETFD) < 0, "closed");
	check(fcntl(0, F_GETFD) >= 0 && fcntl(1, F_GETFD) >= 0 && fcntl(2, F_GETFD) >= 0, "0, 1 and 2 kept");
}

static void make_link(const char *target, const char *rel)
{
	if (symlink(target, host(rel)) < 0) {
		perror(host(rel));
		exit(2);
	}
}

static int64_t guest_stat(const char *path, bool nofollow, struct stat *st)
{
	struct hc_stat req = { .path = fake_str(path), .path_len = strlen(path), .nofollow = nofollow };
	req.statbuf = fake_put(st, sizeof(*st));
	fake_call(HC_STAT, &req, sizeof(req));
	memcpy(st, fake_at(req.statbuf), sizeof(*st));
	return req.ret;
}

/* The text of a guest file read through a new handle, or "" if it does not open. */
static const char *guest_text(const char *path)
{
	static char text[64];
	text[0] = 0;
	int64_t h = fake_open(path, O_RDONLY, 0);
	if (h < 0)
		return text;
	struct hc_io io = { .handle = (int)h, .buf = fake_put(text, sizeof(text)), .len = sizeof(text) - 1, .offset = 0 };
	fake_call(HC_READ, &io, sizeof(io));
	if (io.ret > 0)
		memcpy(text, fake_at(io.buf), (size_t)io.ret);
	text[io.ret > 0 ? io.ret : 0] = 0;
	fake_close((int)h);
	return text;
}

/*
 * 10: symlinks that leave their mount (absolute ones, as Debian's /lib64 has, or ".." past
 * its top) lead where the guest's own paths lead, never to the host's: through other
 * mounts, read-only ones staying read-only, a loop ending in ELOOP.
 */
static void case_guest_links(void)
{
	make_dir("a");
	make_dir("b");
	make_dir("b/arch");
	make_dir("w");
	make_file("b/arch/ld.so", "loader", 0755);
	make_file("secret", "host only", 0600);
	make_link("/lib/arch/ld.so", "a/ld.so");
	make_link("../lib/arch", "a/up");
	make_link("/lib/arch", "a/dirlink");
	make_link(host("secret"), "a/host");
	make_link("/lib64/loop2", "a/loop1");
	make_link("/lib64/loop1", "a/loop2");
	make_link("/lib/arch/ld.so", "w/tolib");
	make_link("/lib", "w/todir");
	char spec[4200];
	snprintf(spec, sizeof(spec), "%s:/lib64:ro", host("a"));
	files_mount(spec);
	snprintf(spec, sizeof(spec), "%s:/lib:ro", host("b"));
	files_mount(spec);
	snprintf(spec, sizeof(spec), "%s:/w", host("w"));
	files_mount(spec);
	ready();

	check(strcmp(guest_text("/lib64/ld.so"), "loader") == 0, "an absolute link to another mount opens");
	check(strcmp(guest_text("/lib64/up/ld.so"), "loader") == 0, "a relative one leaving by ..");
	check(strcmp(guest_text("/lib64/dirlink/ld.so"), "loader") == 0, "a directory link on the way");
	check(fake_open("/lib64/host", O_RDONLY, 0) == -ENOENT, "a host path outside the mounts: ENOENT");
	check(fake_open("/lib64/loop1", O_RDONLY, 0) == -ELOOP, "a loop: ELOOP");
	int64_t nofollow = fake_open("/lib64/ld.so", O_RDONLY | O_NOFOLLOW, 0);
	check(nofollow == -ELOOP, "O_NOFOLLOW on the link itself: ELOOP (%lld)", (long long)nofollow);
	struct stat st;
	check(guest_stat("/lib64/ld.so", false, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 6,
	      "stat follows it");
	check(guest_stat("/lib64/ld.so", true, &st) == 0 && S_ISLNK(st.st_mode), "lstat does not");
	check(guest_stat("/lib64/dirlink/ld.so", true, &st) == 0 && S_ISREG(st.st_mode), "lstat through a directory link");
	check(fake_pathop(HC_PATH_ACCESS, "/lib64/ld.so", NULL, R_OK) == 0, "access follows it");
	check(fake_open("/w/tolib", O_WRONLY | O_TRUNC, 0) == -EROFS, "writing through a link into a read-only mount: EROFS");
	check(strcmp(guest_text("/w/tolib"), "loader") == 0, "reading through it works");
	check(fake_pathop(HC_PATH_MKDIR, "/w/todir/new", NULL, 0755) == -EROFS, "mkdir through a directory link: EROFS");
	check(fake_pathop(HC_PATH_CHMOD, "/w/tolib", NULL, 0777) == -EROFS, "chmod through it: EROFS");
	check(size_of("b/arch/ld.so") == 6 && mode_of("b/arch/ld.so") == 0755 && !exists("b/new") && mode_of("secret") == 0600,
	      "the host files are unchanged");
}

static int64_t fake_ioctl(int handle, uint32_t cmd, uint64_t arg)
{
	struct hc_ioctl req = { .handle = handle, .cmd = cmd, .arg = arg };
	fake_call(HC_IOCTL, &req, sizeof(req));
	return req.ret;
}

/*
 * The standard input a terminal (a pseudo-terminal's slave here): the guest reads and sets
 * its modes, a bad address changes nothing, a file is no terminal, and the end of the VM
 * puts back the modes uhyve-run started with, but only if the guest changed them.
 */
static void case_terminal_modes(void)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	char *name = master < 0 || grantpt(master) || unlockpt(master) ? 0 : ptsname(master);
	int slave = name ? open(name, O_RDWR | O_NOCTTY) : -1;
	if (slave < 0 || dup2(slave, 0) < 0) {
		perror("pseudo-terminal");
		exit(2);
	}
	check(files_terminal_streams() & 1, "standard input is a terminal");
	/* Modes another program sets while the guest changes none stay as it set them. */
	struct termios other;
	tcgetattr(0, &other);
	other.c_lflag &= ~ECHO;
	tcsetattr(0, TCSANOW, &other);
	files_finish(&fake);
	tcgetattr(0, &other);
	check(!(other.c_lflag & ECHO), "with no change by the guest, the end of the VM sets nothing");
	other.c_lflag |= ECHO;
	tcsetattr(0, TCSANOW, &other);
	make_dir("m");
	char spec[4200];
	snprintf(spec, sizeof(spec), "%s:/m", host("m"));
	files_mount(spec);
	int file = (int)fake_open("/m/plain", O_RDWR | O_CREAT, 0644);
	ready();
	uint8_t modes[HC_TERMIOS_SIZE];
	uint64_t at = fake_put(modes, sizeof(modes));
	check(fake_ioctl(0, HC_TCGETS, at) == 0, "TCGETS of the terminal");
	struct termios *t = fake_at(at);
	check(t->c_lflag & ECHO, "it echoes");
	t->c_lflag &= ~(ECHO | ICANON);
	check(fake_ioctl(0, HC_TCSETS, at) == 0, "TCSETS: raw, no echo");
	struct termios now;
	tcgetattr(0, &now);
	check(!(now.c_lflag & (ECHO | ICANON)), "the host terminal's modes changed");
	check(fake_ioctl(0, HC_TCSETSF, FAKE_MEM_SIZE - 8) == -EFAULT, "TCSETSF past guest memory: EFAULT");
	check(fake_ioctl(file, HC_TCSETS, at) == -ENOTTY, "TCSETS of a file: ENOTTY");
	check(fake_ioctl(0, 0x5412 /* TIOCSTI */, at) == -EINVAL, "another request: EINVAL");
	files_finish(&fake);
	tcgetattr(0, &now);
	check((now.c_lflag & (ECHO | ICANON)) == (ECHO | ICANON), "the end of the VM put the modes back");
}

static const struct {
	const char *name;
	void (*run)(void);
	int ring;
} cases[] = {
	{ "ro_inode", case_ro_inode, 0 },
	{ "nested_ro", case_nested_ro, 0 },
	{ "fifo_open", case_fifo_open, 1 },
	{ "pseudo_open", case_pseudo_open, 0 },
	{ "batch_nesting", case_batch_nesting, 1 },
	{ "kick_without_net", case_kick_without_net, 0 },
	{ "confined_status", case_confined_status, 0 },
	{ "confined_denied", case_confined_denied, 0 },
	{ "close_inherited", case_close_inherited, 0 },
	{ "guest_links", case_guest_links, 0 },
	{ "terminal_modes", case_terminal_modes, 0 },
	{ "lib_copy", case_lib_copy, 0 },
	{ "lib_not_library", case_lib_not_library, 0 },
	{ "lib_refused", case_lib_refused, 0 },
	{ "lib_read_only", case_lib_read_only, 0 },
	{ "lib_limit", case_lib_limit, 0 },
	{ "lib_changed", case_lib_changed, 0 },
	{ "lib_no_cache", case_lib_no_cache, 0 },
	{ "lib_server_gone", case_lib_server_gone, 0 },
	{ "lib_server_confined", case_lib_server_confined, 0 },
	{ "lib_monitor_gone", case_lib_monitor_gone, 0 },
};

int main(int argc, char **argv)
{
	confined = argc > 1 && strcmp(argv[1], "--confined") == 0;
	if (argc != 3 + confined) {
		fprintf(stderr, "usage: hc_host [--confined] CASE DIR\n");
		return 2;
	}
	dir = argv[2 + confined];
	setvbuf(stdout, NULL, _IONBF, 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (strcmp(cases[i].name, argv[1 + confined]) != 0)
			continue;
		fake_start(cases[i].ring);
		cases[i].run();
		printf(failures ? "FAIL: %d checks failed\n" : "PASS\n", failures);
		return failures != 0;
	}
	fprintf(stderr, "hc_host: no case %s\n", argv[1 + confined]);
	return 2;
}
