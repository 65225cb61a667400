/* The /proc files programs read: meminfo, cpuinfo, mounts and each process's /proc/PID ones, generated when opened. */
#include "arch/x86_64/cpu.h"
#include "drivers/monitor/hostfile.h"
#include "fd.h"
#include "kernel/kernel.h"
#include "kernel/mm/frame.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/pcache.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/vm.h"
#include "kernel/proc/proc.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/thread.h"
#include "kernel/time/ticks.h"
#include "kernel/time/time.h"
#include "kernel/uapi.h"
#include "kstat.h"
#include "mount.h"
#include "procfile.h"
#include "procself.h"
#include "vfs.h"

static long meminfo(struct proc *p, char *buf, size_t size)
{
	(void)p;
	uint64_t total = boot->mem_size >> 10, free = (frame_free_count() * PAGE_SIZE) >> 10;
	uint64_t cached = (pcache_pages() * PAGE_SIZE) >> 10;
	return ksnprintf(buf, size,
			 "MemTotal:       %8lu kB\nMemFree:        %8lu kB\nMemAvailable:   %8lu kB\n"
			 "Buffers:               0 kB\nCached:         %8lu kB\n"
			 "SwapTotal:             0 kB\nSwapFree:              0 kB\n",
			 total, free, free + cached, cached);
}

/* Linux's page cache count, and one of cocoon's own: the file reads that went to the host. */
static long vmstat(struct proc *p, char *buf, size_t size)
{
	(void)p;
	return ksnprintf(buf, size, "nr_file_pages %lu\ncocoon_host_reads %lu\n", pcache_pages(), hostfile_reads());
}

#define USER_HZ 100 /* the unit of /proc/stat's times (sysconf(_SC_CLK_TCK)) */
#define PER_TICK (1000000000ULL / USER_HZ)

/* Nanoseconds since boot, as CLOCK_BOOTTIME counts them. */
static uint64_t uptime_ns(void)
{
	struct ktimespec up = { 0, 0 };
	clock_read(CLOCK_BOOTTIME, &up);
	return (uint64_t)up.sec * 1000000000ULL + (uint64_t)up.nsec;
}

/* The time since boot and the CPUs' idle time together, in seconds with hundredths. */
static long uptime(struct proc *p, char *buf, size_t size)
{
	(void)p;
	uint64_t up = uptime_ns() / PER_TICK, idle = 0;
	for (unsigned c = 0; c < boot->cpus; c++)
		idle += tsc_to_ns(sched_idle_tsc(c)) / PER_TICK;
	return ksnprintf(buf, size, "%lu.%02lu %lu.%02lu\n", up / USER_HZ, up % USER_HZ, idle / USER_HZ, idle % USER_HZ);
}

/*
 * Each CPU's time in USER_HZ ticks: idle as its idle loop counted it, and the rest as user
 * time (the kernel's own time is not told apart); the boot time (btime), threads made since
 * boot (processes) and those runnable now.
 */
static long cpu_stat(struct proc *p, char *buf, size_t size)
{
	(void)p;
	size_t n = 0;
	uint64_t up = uptime_ns(), busy_all = 0, idle_all = 0;
	static uint64_t busy[MAX_CPUS], idle[MAX_CPUS];
	for (unsigned c = 0; c < boot->cpus && c < MAX_CPUS; c++) {
		uint64_t i = tsc_to_ns(sched_idle_tsc(c));
		idle[c] = i / PER_TICK;
		busy[c] = (up > i ? up - i : 0) / PER_TICK;
		busy_all += busy[c];
		idle_all += idle[c];
	}
	n += (size_t)ksnprintf(buf + n, n < size ? size - n : 0, "cpu  %lu 0 0 %lu 0 0 0 0 0 0\n", busy_all, idle_all);
	for (unsigned c = 0; c < boot->cpus && c < MAX_CPUS; c++)
		n += (size_t)ksnprintf(buf + n, n < size ? size - n : 0, "cpu%u %lu 0 0 %lu 0 0 0 0 0 0\n", c, busy[c], idle[c]);
	struct ktimespec now = { 0, 0 };
	clock_read(CLOCK_REALTIME, &now);
	n += (size_t)ksnprintf(buf + n, n < size ? size - n : 0,
			       "intr 0\nctxt 0\nbtime %ld\nprocesses %d\nprocs_running %u\nprocs_blocked 0\nsoftirq 0\n",
			       now.sec - (int64_t)(up / 1000000000ULL), thread_next_id() - PROC_PID, sched_runnable());
	return (long)n;
}

static long cpuinfo(struct proc *p, char *buf, size_t size)
{
	(void)p;
	struct cpuid_regs v = cpuid(0, 0), sig = cpuid(1, 0);
	char vendor[13], brand[49];
	memcpy(vendor, &v.ebx, 4);
	memcpy(vendor + 4, &v.edx, 4);
	memcpy(vendor + 8, &v.ecx, 4);
	vendor[12] = 0;
	brand[0] = brand[48] = 0;
	if (cpuid(0x80000000, 0).eax >= 0x80000004)
		for (uint32_t i = 0; i < 3; i++) {
			struct cpuid_regs r = cpuid(0x80000002 + i, 0);
			memcpy(brand + 16 * i, &r, 16);
		}
	unsigned family = (sig.eax >> 8) & 0xf, model = (sig.eax >> 4) & 0xf;
	if (family == 0xf)
		family += (sig.eax >> 20) & 0xff;
	if (family >= 6)
		model |= ((sig.eax >> 16) & 0xf) << 4;
	return ksnprintf(buf, size,
			 "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\nmodel name\t: %s\n"
			 "stepping\t: %u\nphysical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\n\n",
			 vendor, family, model, brand, sig.eax & 0xf);
}

/* The path as /proc/mounts and mountinfo write it: space, tab, newline and backslash in octal escapes. */
static void put_escaped(char *buf, size_t size, size_t *n, const char *path)
{
	for (const char *c = path; *c; c++) {
		bool escape = *c == ' ' || *c == '\t' || *c == '\n' || *c == '\\';
		*n += (size_t)(escape ? ksnprintf(buf + *n, *n < size ? size - *n : 0, "\\%c%c%c", '0' + (*c >> 6),
						  '0' + ((*c >> 3) & 7), '0' + (*c & 7))
				      : ksnprintf(buf + *n, *n < size ? size - *n : 0, "%c", *c));
	}
}

/* A line per mount as Linux writes them: space, tab, newline and backslash in octal escapes. */
static long mounts(struct proc *p, char *buf, size_t size)
{
	(void)p;
	size_t n = 0;
	const struct mount *m;
	for (int i = 0; (m = mount_at(i)); i++) {
		const char *fs = m->tmpfs ? "tmpfs" : "hostfs";
		n += (size_t)ksnprintf(buf + n, n < size ? size - n : 0, "%s ", fs);
		put_escaped(buf, size, &n, m->path);
		n += (size_t)ksnprintf(buf + n, n < size ? size - n : 0, " %s %s 0 0\n", fs,
				       m->tmpfs ? "rw,nosuid,nodev" : m->ro ? "ro" : "rw");
	}
	return (long)n;
}

#define MOUNT_ID_ROOT 19 /* the kernel's own root, above the mounts; theirs follow */

/* The mount holding mount i's directory, as its mount id (the root's when none does). */
static int parent_id(int i)
{
	const struct mount *m = mount_at(i), *o;
	int best = MOUNT_ID_ROOT;
	size_t best_len = 0;
	for (int j = 0; (o = mount_at(j)); j++)
		if (j != i && o->len < m->len && o->len > best_len && strncmp(m->path, o->path, o->len) == 0 &&
		    (o->len == 1 || m->path[o->len] == '/')) {
			best = MOUNT_ID_ROOT + 1 + j;
			best_len = o->len;
		}
	return best;
}

/* /proc/self/mountinfo: Linux's fields (id, parent, device, root, mount point, options, -, type, source, options). */
static long mountinfo(struct proc *p, char *buf, size_t size)
{
	(void)p;
	size_t n = 0;
	const struct mount *m;
	bool root_mounted = false;
	for (int i = 0; (m = mount_at(i)); i++)
		root_mounted |= m->len == 1;
	if (!root_mounted)
		n += (size_t)ksnprintf(buf, size, "%d %d 0:%d / / ro,relatime - rootfs rootfs ro\n", MOUNT_ID_ROOT,
				       MOUNT_ID_ROOT, MOUNT_ID_ROOT);
	for (int i = 0; (m = mount_at(i)); i++) {
		const char *fs = m->tmpfs ? "tmpfs" : "hostfs";
		int id = MOUNT_ID_ROOT + 1 + i;
		n += (size_t)ksnprintf(buf + n, n < size ? size - n : 0, "%d %d 0:%d / ", id,
				       m->len == 1 ? id : parent_id(i), id);
		put_escaped(buf, size, &n, m->path);
		n += (size_t)ksnprintf(buf + n, n < size ? size - n : 0, " %s,relatime - %s %s %s\n",
				       m->tmpfs ? "rw,nosuid,nodev" : m->ro ? "ro" : "rw", fs, fs,
				       m->tmpfs ? "rw" : m->ro ? "ro" : "rw");
	}
	return (long)n;
}

static const struct {
	const char *path;
	long (*generate)(struct proc *p, char *buf, size_t size); /* p: the process of a /proc/PID file */
	size_t size; /* the most it can hold: a power-of-two number of pages (kalloc) */
} files[] = {
	{ "/proc/meminfo", meminfo, PAGE_SIZE },
	{ "/proc/vmstat", vmstat, PAGE_SIZE },
	{ "/proc/cpuinfo", cpuinfo, PAGE_SIZE },
	{ "/proc/stat", cpu_stat, PAGE_SIZE },
	{ "/proc/uptime", uptime, PAGE_SIZE },
	{ "/proc/mounts", mounts, PAGE_SIZE },
	{ "/proc/self/mounts", mounts, PAGE_SIZE },
	{ "/proc/self/mountinfo", mountinfo, PAGE_SIZE },
	{ "/proc/self/maps", procself_maps, 16 * PAGE_SIZE },
	{ "/proc/self/stat", procself_stat, PAGE_SIZE },
	{ "/proc/self/status", procself_status, PAGE_SIZE },
	{ "/proc/self/auxv", procself_auxv, PAGE_SIZE },
	{ "/proc/self/cmdline", procself_cmdline, 8 * PAGE_SIZE },
	{ "/proc/self/environ", procself_environ, 8 * PAGE_SIZE },
	{ "/proc/self/comm", procself_comm, PAGE_SIZE },
};

#define INDEX_BITS 8 /* an index is the table entry, and above it the pid of a /proc/PID file */

static unsigned entry_of(int index)
{
	return (unsigned)index & ((1u << INDEX_BITS) - 1);
}

/* The process a /proc/PID file is of, or 0 (another file, or the process is gone). */
static struct proc *proc_of(int index)
{
	return index >> INDEX_BITS ? proc_find(index >> INDEX_BITS) : 0;
}

/* /proc/PID/NAME of a process that exists, and /proc/thread-self/NAME (the caller's), are /proc/self/NAME's: the pid, or 0. */
static int same_after_self(const char *path, const char *want)
{
	static const char self[] = "/proc/self/";
	if (strncmp(want, self, sizeof(self) - 1) != 0 || strncmp(path, "/proc/", 6) != 0)
		return 0;
	const char *rest = path + 6;
	int pid = 0;
	if (strncmp(rest, "thread-self/", 12) == 0 || strncmp(rest, "self/", 5) == 0) {
		pid = proc_current()->pid;
		rest += rest[0] == 't' ? 12 : 5;
	} else {
		const char *d = rest;
		while (*d >= '0' && *d <= '9' && pid < 1 << 22)
			pid = pid * 10 + (*d++ - '0');
		if (d == rest || *d != '/' || rest[0] == '0' || !proc_find(pid))
			return 0;
		rest = d + 1;
	}
	return strcmp(rest, want + sizeof(self) - 1) == 0 ? pid : 0;
}

bool procfile_may_open(int index)
{
	/* As Linux's ptrace check: another user's memory maps, environment and auxv are not to be read. */
	static const char *const private[] = { "/proc/self/maps", "/proc/self/environ", "/proc/self/auxv" };
	const struct proc *p = proc_of(index), *self = proc_current();
	const char *path = files[entry_of(index)].path;
	if (!p || p == self || self->cred.uid[CRED_EFFECTIVE] == 0 ||
	    self->cred.uid[CRED_EFFECTIVE] == p->cred.uid[CRED_REAL])
		return true;
	for (unsigned i = 0; i < ARRAY_SIZE(private); i++)
		if (!strcmp(path, private[i]))
			return false;
	return true;
}

const char *procfile_name(unsigned i)
{
	return i < ARRAY_SIZE(files) ? files[i].path : 0;
}

int procfile_index(const char *path)
{
	for (unsigned i = 0; i < ARRAY_SIZE(files); i++) {
		int pid = same_after_self(path, files[i].path);
		if (pid || strcmp(path, files[i].path) == 0)
			return (int)i | pid << INDEX_BITS;
	}
	return -1;
}

void procfile_stat(int index, struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	st->dev = 22;
	st->ino = 4026531840ULL + (uint64_t)index;
	struct proc *p = proc_of(index);
	if (p) {
		st->uid = p->cred.uid[CRED_EFFECTIVE];
		st->gid = p->cred.gid[CRED_EFFECTIVE];
	}
	st->nlink = 1;
	st->mode = S_IFREG | 0444;
	st->blksize = 1024;
}

static long proc_readv(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	long done = 0;
	for (int i = 0; i < n && offset + done < f->size; i++) {
		size_t k = iov[i].len < (size_t)(f->size - offset - done) ? iov[i].len : (size_t)(f->size - offset - done);
		if (copy_to_user(iov[i].base, f->data + offset + done, k))
			return done ? done : -EFAULT;
		done += (long)k;
	}
	return done;
}

static long proc_fstat(struct file *f, struct kstat *st)
{
	procfile_stat(f->handle, st);
	return 0;
}

static void proc_release(struct file *f)
{
	kfree(f->data, files[entry_of(f->handle)].size);
}

/* Linux's seq_lseek: generated files have no end to seek from. */
static int64_t proc_llseek(struct file *f, int64_t offset, int whence)
{
	return whence == SEEK_END ? -EINVAL : vfs_seek_target(f, offset, whence);
}

static long proc_statfs(struct file *f, struct statfs *buf)
{
	(void)f;
	vfs_pseudo_statfs(buf, PROC_SUPER_MAGIC, ST_RELATIME);
	return 0;
}

static const struct file_ops procfile_ops = {
	.readv = proc_readv,
	.fstat = proc_fstat,
	.release = proc_release,
	.llseek = proc_llseek,
	.statfs = proc_statfs,
};

struct file *procfile_open(int index, int flags)
{
	struct proc *p = index >> INDEX_BITS ? proc_of(index) : proc_current();
	size_t size = files[entry_of(index)].size;
	char *data = kalloc(size);
	struct file *f = data ? file_alloc() : 0;
	if (!f) {
		if (data)
			kfree(data, size);
		return 0;
	}
	long len = p ? files[entry_of(index)].generate(p, data, size) : 0;
	*f = (struct file){ .ops = &procfile_ops, .refs = 1, .handle = index, .flags = flags, .data = data,
			    .size = len < (long)size ? len : (long)size - 1 };
	return f;
}
