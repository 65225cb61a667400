/*
 * /proc and each process's /proc/PID (/proc/self, /proc/thread-self: the
 * caller's) as directories: /proc lists self, thread-self, its own files and
 * a directory per process by pid, in order, as ps and pgrep read it; a
 * process's lists its files (fd only for the caller, whose /proc/self/fd
 * exists). Their entries are what procfile.c and procfd.c open.
 */
#include "kernel/kernel.h"
#include "kernel/mm/frame.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/proc.h"
#include "kernel/sched/current.h"
#include "kernel/uapi.h"
#include "kstat.h"
#include "procdir.h"
#include "procfd.h"
#include "procfile.h"
#include "vfs.h"

#define PROC_INO 4026532500ULL /* entries' inode numbers, apart from procfd.c's */
#define PID_BASE 1024          /* positions from here on are pids */

/* The pid /proc/NAME names (the caller's for self and thread-self), 0 for /proc itself, -1 for no process. */
static int pid_of(const char *path)
{
	if (!strcmp(path, "/proc"))
		return 0;
	if (strncmp(path, "/proc/", 6))
		return -1;
	const char *name = path + 6;
	if (!strcmp(name, "self") || !strcmp(name, "thread-self"))
		return proc_current()->pid;
	int pid = 0;
	for (const char *d = name; *d; d++) {
		if (*d < '0' || *d > '9' || pid >= 1 << 22 || (d == name && *d == '0'))
			return -1;
		pid = pid * 10 + (*d - '0');
	}
	return *name && proc_find(pid) ? pid : -1;
}

bool procdir_path(const char *path)
{
	return pid_of(path) >= 0;
}

bool procdir_link(const char *path, char *buf, size_t size, long *len)
{
	if (!strcmp(path, "/proc/self") || !strcmp(path, "/proc/thread-self")) {
		*len = path[6] == 's' ? ksnprintf(buf, size, "%d", proc_current()->pid)
				      : ksnprintf(buf, size, "%d/task/%d", proc_current()->pid, current()->tid);
		return true;
	}
	/* /proc/NAME/exe or /proc/NAME/cwd: NAME one of pid_of's. */
	if (strncmp(path, "/proc/", 6))
		return false;
	const char *slash = path + 6;
	while (*slash && *slash != '/')
		slash++;
	if (!*slash || (strcmp(slash, "/exe") && strcmp(slash, "/cwd")) || (size_t)(slash - path) >= 32)
		return false;
	char dir[32];
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = 0;
	int pid = pid_of(dir);
	struct proc *p = pid > 0 ? proc_find(pid) : 0, *self = proc_current();
	if (!p)
		return false;
	if (p != self && self->cred.uid[CRED_EFFECTIVE] != 0 && self->cred.uid[CRED_EFFECTIVE] != p->cred.uid[CRED_REAL])
		*len = -EACCES;
	else if (p->zombie)
		*len = -ENOENT;
	else
		*len = ksnprintf(buf, size, "%s", slash[1] == 'e' ? p->exe : p->cwd);
	return true;
}

#define FIXED_MAX 24 /* ".", "..", and the names below */

/* The directory's entries before the pids: ".", "..", then /proc's or a process's names. How many. */
static unsigned fixed(int pid, const char **names, unsigned char *types)
{
	unsigned n = 0;
	const char *name;
	names[n] = ".";
	types[n++] = DT_DIR;
	names[n] = "..";
	types[n++] = DT_DIR;
	if (!pid) {
		names[n] = "self";
		types[n++] = DT_DIR;
		names[n] = "thread-self";
		types[n++] = DT_DIR;
	} else if (pid == proc_current()->pid) {
		names[n] = "fd";
		types[n++] = DT_DIR;
	}
	for (unsigned k = 0; (name = procfile_name(k)) && n < FIXED_MAX; k++) {
		name += 6; /* past "/proc/" */
		bool own = !strncmp(name, "self/", 5);
		if (own != (pid != 0))
			continue;
		names[n] = own ? name + 5 : name;
		types[n++] = DT_REG;
	}
	return n;
}

/* The lowest pid above after, or 0. */
static int next_pid(int after)
{
	int best = 0;
	for (struct proc *p = proc_next(0); p; p = proc_next(p))
		if (p->pid > after && (!best || p->pid < best))
			best = p->pid;
	return best;
}

static long dir_getdents(struct file *f, void *ubuf, size_t len)
{
	int pid = (int)f->handle;
	const char *names[FIXED_MAX];
	unsigned char types[FIXED_MAX];
	unsigned count = fixed(pid, names, types);
	size_t done = 0;
	for (;;) {
		const char *name = f->pos < count ? names[f->pos] : 0;
		unsigned char type = name ? types[f->pos] : DT_DIR;
		char digits[16];
		int64_t at = f->pos + 1;
		if (!name && f->pos < PID_BASE)
			f->pos = pid ? INT64_MAX : PID_BASE;
		if (!name && f->pos != INT64_MAX) {
			int next = next_pid((int)(f->pos - PID_BASE));
			if (!next) {
				f->pos = INT64_MAX;
				break;
			}
			ksnprintf(digits, sizeof(digits), "%d", next);
			name = digits;
			at = PID_BASE + next;
		}
		if (!name)
			break;
		int r = vfs_dirent(ubuf, len, &done, PROC_INO + (uint64_t)(name == digits ? at : f->pos), at, type, name);
		if (r <= 0)
			return done ? (long)done : r ? r : -EINVAL;
		f->pos = at;
	}
	return (long)done;
}

static long dir_fstat(struct file *f, struct kstat *st)
{
	(void)f;
	return procfd_stat(PROCFD_ABOVE, st, true);
}

static long dir_statfs(struct file *f, struct statfs *buf)
{
	(void)f;
	vfs_pseudo_statfs(buf, PROC_SUPER_MAGIC, ST_RELATIME);
	return 0;
}

static void dir_release(struct file *f)
{
	frame_free(virt_to_phys(f->path));
}

static const struct file_ops dir_ops = {
	.getdents = dir_getdents,
	.fstat = dir_fstat,
	.statfs = dir_statfs,
	.release = dir_release,
};

struct file *procdir_open(char *path, int flags)
{
	struct file *f = file_alloc();
	if (!f) {
		frame_free(virt_to_phys(path));
		return 0;
	}
	*f = (struct file){ .ops = &dir_ops, .refs = 1, .handle = pid_of(path), .flags = flags, .path = path };
	return f;
}
