/*
 * A process's /proc/PID files (/proc/self's for the caller), formatted as
 * Linux formats them, for what glibc (pthread_getattr_np reads maps for the
 * main thread's stack), language runtimes and tools such as ps read. Device
 * and inode numbers of mapped files are not kept: maps shows 00:00 0 for
 * them. A zombie has no memory: its maps, cmdline and environ are empty.
 */
#include "fd.h"
#include "kernel/kernel.h"
#include "kernel/mm/frame.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/vm.h"
#include "kernel/time/ticks.h"
#include "kernel/proc/proc.h"
#include "kernel/sched/thread.h"
#include "kernel/signal/sigtypes.h"
#include "kernel/time/time.h"
#include "kernel/uapi.h"
#include "procself.h"

#define MAPS_NAME_COLUMN 73 /* where Linux starts a region's name: 25 + 6 * sizeof(void *), then a space */
#define CLOCK_TICKS 100     /* AT_CLKTCK */

/* Append to buf (size) at *n, as far as it goes. */
static void put(char *buf, size_t size, size_t *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	*n += (size_t)kvsnprintf(buf + *n, *n < size ? size - *n : 0, fmt, ap);
	va_end(ap);
}

static const char *region_name(const struct proc *p, const struct vm_region *r)
{
	uint64_t brk_start, brk_end;
	vm_brk_range(p->mm, &brk_start, &brk_end);
	if (r->name[0])
		return r->name;
	if (brk_end > brk_start && r->start < brk_end && r->end > brk_start)
		return "[heap]";
	uint64_t sp = p->layout.start_stack;
	return sp >= r->start && sp < r->end ? "[stack]" : "";
}

long procself_maps(struct proc *p, char *buf, size_t size)
{
	size_t n = 0;
	struct vm_region r;
	for (int i = 0; p->mm && vm_region_info(p->mm, i, &r); i++) {
		size_t line = n;
		const char *name = region_name(p, &r);
		put(buf, size, &n, "%08lx-%08lx %c%c%c%c %08lx 00:00 0 ", r.start, r.end, r.prot & PAGE_READ ? 'r' : '-',
		    r.prot & PAGE_WRITE ? 'w' : '-', r.prot & PAGE_EXEC ? 'x' : '-', r.shared ? 's' : 'p',
		    name[0] && !(name[0] == '[') ? r.pgoff : 0);
		if (name[0]) {
			while (n - line < MAPS_NAME_COLUMN - 1)
				put(buf, size, &n, " ");
			put(buf, size, &n, " %s", name);
		}
		put(buf, size, &n, "\n");
	}
	return (long)n;
}

/* Bytes of p's regions: all of them, the stack, and the writable private ones (VmData); and its resident pages. */
static void sizes(const struct proc *p, uint64_t *total, uint64_t *data, uint64_t *stack, uint64_t *resident)
{
	struct vm_region r;
	*total = *data = *stack = *resident = 0;
	if (!p->mm)
		return;
	*resident = vm_resident_pages(p->mm);
	uint64_t sp = p->layout.start_stack;
	for (int i = 0; vm_region_info(p->mm, i, &r); i++) {
		uint64_t len = r.end - r.start;
		*total += len;
		if (sp >= r.start && sp < r.end)
			*stack += len;
		else if ((r.prot & PAGE_WRITE) && !r.shared)
			*data += len;
	}
}

static char state(const struct proc *p)
{
	return p->zombie ? 'Z' : p->stopped ? 'T' : current()->proc == p ? 'R' : 'S';
}

/* status's State: the letter and its word. */
static const char *state_name(const struct proc *p)
{
	static const char *const names[] = { "R (running)", "S (sleeping)", "T (stopped)", "Z (zombie)" };
	unsigned i = 0;
	while (i < ARRAY_SIZE(names) - 1 && names[i][0] != state(p))
		i++;
	return names[i];
}

/* p's main thread (the one whose id is its pid), or 0 once it ended. */
static const struct thread *main_thread(const struct proc *p)
{
	const struct thread *t = thread_find(p->pid);
	return t && t->proc == p ? t : 0;
}

long procself_stat(struct proc *p, char *buf, size_t size)
{
	const struct proc_layout *l = &p->layout;
	uint64_t total, data, stack, resident, brk_start = 0, brk_end = 0;
	sizes(p, &total, &data, &stack, &resident);
	if (p->mm)
		vm_brk_range(p->mm, &brk_start, &brk_end);
	uint64_t utime = tsc_to_ns(thread_total_cpu(p)) / (1000000000 / CLOCK_TICKS);
	const struct thread *t = main_thread(p);
	size_t n = 0;
	/* Fields 1-13: ids, state, terminal, flags, fault counts. */
	put(buf, size, &n, "%d (%s) %c %d %d %d 0 -1 4194560 0 0 0 0 ", p->pid, proc_comm(p), state(p), p->ppid, p->pgid,
	    p->sid);
	/* 14-25: times, priority, threads, start time, sizes; 26-28: code and stack. */
	/* A zombie still counts its leader, as Linux's until it is reaped. */
	put(buf, size, &n, "%lu 0 0 0 20 0 %u 0 0 %lu %lu %lu 0 0 %lu ", utime, p->zombie ? 1 : p->threads, total, resident,
	    p->limits[RLIMIT_RSS].rlim_cur, l->start_stack);
	/* 29-44: registers, signals (see status), wait channel, exit signal, CPU, scheduling. */
	put(buf, size, &n, "0 0 0 0 0 0 0 0 0 %d %u 0 0 0 0 0 ", p->exit_signal, t && t->cpu ? t->cpu->id : 0);
	/* 45-52: data, brk, arguments, environment, exit code. */
	put(buf, size, &n, "0 0 %lu %lu %lu %lu %lu %d\n", brk_start, l->arg_start, l->arg_end, l->env_start, l->env_end,
	    p->zombie ? p->exit_status : 0);
	return (long)n;
}

/* Signals whose action is ignore, or a handler: SigIgn and SigCgt. */
static void dispositions(const struct proc *p, uint64_t *ignored, uint64_t *caught)
{
	*ignored = *caught = 0;
	for (int sig = 1; sig <= NSIG; sig++) {
		uint64_t h = p->actions[sig].handler, bit = 1ULL << (sig - 1);
		if (h == SIG_IGN_HANDLER)
			*ignored |= bit;
		else if (h != SIG_DFL_HANDLER)
			*caught |= bit;
	}
}

/* Linux's table size: 64 slots, doubled until it holds the highest open descriptor. */
static unsigned fd_table_size(const struct proc *p)
{
	int highest = -1;
	for (int fd = p->files ? files_next(p->files, 0) : -1; fd >= 0; fd = files_next(p->files, fd + 1))
		highest = fd;
	unsigned slots = 64;
	while ((int)slots <= highest)
		slots *= 2;
	return slots;
}

long procself_status(struct proc *p, char *buf, size_t size)
{
	const struct cred *c = &p->cred;
	uint64_t total, data, stack, resident, ignored, caught;
	sizes(p, &total, &data, &stack, &resident);
	dispositions(p, &ignored, &caught);
	const struct thread *t = main_thread(p);
	size_t n = 0;
	put(buf, size, &n, "Name:\t%s\nUmask:\t0%c%c%c\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n",
	    proc_comm(p), '0' + ((p->umask >> 6) & 7), '0' + ((p->umask >> 3) & 7), '0' + (p->umask & 7),
	    state_name(p), p->pid, p->pid, p->ppid);
	put(buf, size, &n, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nFDSize:\t%u\nGroups:\t", c->uid[CRED_REAL],
	    c->uid[CRED_EFFECTIVE], c->uid[CRED_SAVED], c->uid[CRED_FS], c->gid[CRED_REAL], c->gid[CRED_EFFECTIVE],
	    c->gid[CRED_SAVED], c->gid[CRED_FS], fd_table_size(p));
	for (uint32_t i = 0; i < c->ngroups; i++)
		put(buf, size, &n, "%u ", c->groups[i]);
	uint64_t rss = resident * (PAGE_SIZE / 1024);
	put(buf, size, &n, "\nVmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\n",
	    total >> 10, total >> 10, 0UL, rss, rss);
	put(buf, size, &n, "VmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmSwap:\t%8lu kB\nThreads:\t%u\n", data >> 10, stack >> 10,
	    0UL, p->zombie ? 1 : p->threads);
	put(buf, size, &n, "SigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\nSigIgn:\t%016lx\nSigCgt:\t%016lx\n",
	    t ? t->sig_pending : 0, p->sig_pending, t ? t->sig_mask : 0, ignored, caught);
	uint64_t caps = c->uid[CRED_EFFECTIVE] == 0 ? 0x1ffffffffffULL : 0;
	put(buf, size, &n, "CapInh:\t%016lx\nCapPrm:\t%016lx\nCapEff:\t%016lx\nCapBnd:\t%016lx\nCapAmb:\t%016lx\n", 0UL,
	    caps, caps, 0x1ffffffffffULL, 0UL);
	put(buf, size, &n, "NoNewPrivs:\t0\nSeccomp:\t0\nCpus_allowed:\t%lx\nCpus_allowed_list:\t0-%u\n",
	    (1UL << boot->cpus) - 1, boot->cpus - 1);
	put(buf, size, &n, "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n");
	return (long)n;
}

/*
 * Bytes of p's memory from `from` to `to` into buf (at most size), read through
 * its page tables: up to the first page it has no frame for (none, for a zombie).
 */
static long user_bytes(const struct proc *p, char *buf, size_t size, uint64_t from, uint64_t to)
{
	size_t len = to > from ? (size_t)(to - from) : 0, done = 0;
	if (len > size)
		len = size;
	while (p->mm && done < len) {
		uint64_t va = from + done, pa = mm_frame(p->mm, va);
		if (!pa)
			break;
		size_t k = PAGE_SIZE - (va & (PAGE_SIZE - 1));
		k = k < len - done ? k : len - done;
		memcpy(buf + done, (const char *)phys_to_virt(pa) + (va & (PAGE_SIZE - 1)), k);
		done += k;
	}
	return (long)done;
}

long procself_auxv(struct proc *p, char *buf, size_t size)
{
	return user_bytes(p, buf, size, p->layout.auxv, p->layout.auxv + p->layout.auxv_len);
}

long procself_cmdline(struct proc *p, char *buf, size_t size)
{
	return user_bytes(p, buf, size, p->layout.arg_start, p->layout.arg_end);
}

long procself_environ(struct proc *p, char *buf, size_t size)
{
	return user_bytes(p, buf, size, p->layout.env_start, p->layout.env_end);
}

long procself_comm(struct proc *p, char *buf, size_t size)
{
	return ksnprintf(buf, size, "%s\n", proc_comm(p));
}
