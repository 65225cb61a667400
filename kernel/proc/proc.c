/*
 * Processes: their family tree, how they end (exit, fatal signal, crash), and
 * how the machine ends with the first one.
 */
#include "arch/x86_64/cpu.h"
#include "drivers/monitor/hypercall.h"
#include "kernel/fs/filemap.h"
#include "kernel/fs/fd.h"
#include "kernel/ipc/ipc.h"
#include "kernel/kernel.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/net/net.h"
#include "kernel/sched/sched.h"
#include "kernel/syscall.h"
#include "kernel/signal/signal.h"
#include "kernel/time/itimer.h"
#include "kernel/time/ptimer.h"
#include "kernel/uapi.h"
#include "kernel/tty/tty.h"
#include "pgrp.h"
#include "proc.h"

static struct proc *all_procs;

struct proc *proc_first(void)
{
	static struct proc *first;
	if (!first) {
		first = kalloc(sizeof(*first));
		if (!first)
			panic("no memory for the first process");
		first->pid = first->pgid = first->sid = PROC_PID;
		first->umask = boot->umask;
		cred_init(&first->cred);
		ksnprintf(first->cwd, sizeof(first->cwd), "%s", (const char *)phys_to_virt(boot->cwd_gpa));
		ksnprintf(first->exe, sizeof(first->exe), "%s", (const char *)phys_to_virt(boot->exe_gpa));
		first->all_next = all_procs;
		all_procs = first;
	}
	return first;
}

struct proc *proc_current(void)
{
	return current()->proc;
}

struct proc *proc_find(int pid)
{
	for (struct proc *p = all_procs; p; p = p->all_next)
		if (p->pid == pid)
			return p;
	return 0;
}

struct proc *proc_next(struct proc *p)
{
	return p ? p->all_next : all_procs;
}

const char *proc_exe(void)
{
	return proc_current()->exe;
}

const char *proc_comm(struct proc *p)
{
	if (!p->comm[0]) {
		const char *exe = p->exe;
		for (const char *c = exe; *c; c++)
			if (*c == '/' && c[1])
				exe = c + 1;
		for (int i = 0; i < PROC_COMM_LEN - 1 && exe[i]; i++)
			p->comm[i] = exe[i];
	}
	return p->comm;
}

struct proc *proc_fork(void)
{
	struct proc *parent = proc_current();
	struct proc *p = kalloc(sizeof(*p));
	if (!p)
		return 0;
	p->pgid = parent->pgid;
	p->sid = parent->sid;
	p->ctty = parent->ctty;
	p->parent = parent;
	p->ppid = parent->pid;
	memcpy(p->actions, parent->actions, sizeof(p->actions));
	p->direct_on = parent->direct_on;
	p->ndirect = parent->ndirect;
	memcpy(p->direct_tables, parent->direct_tables, sizeof(p->direct_tables));
	p->loader_lo = parent->loader_lo;
	p->loader_hi = parent->loader_hi;
	p->umask = parent->umask;
	p->cred = parent->cred;
	memcpy(p->limits, parent->limits, sizeof(p->limits));
	memcpy(p->cwd, parent->cwd, sizeof(p->cwd));
	memcpy(p->exe, parent->exe, sizeof(p->exe));
	memcpy(p->comm, parent->comm, sizeof(p->comm));
	p->layout = parent->layout;
	p->sibling = parent->children;
	parent->children = p;
	p->all_next = all_procs;
	all_procs = p;
	return p;
}

static void unlink_proc(struct proc *p)
{
	for (struct proc **at = &all_procs; *at; at = &(*at)->all_next)
		if (*at == p) {
			*at = p->all_next;
			break;
		}
	for (struct proc **at = &p->parent->children; *at; at = &(*at)->sibling)
		if (*at == p) {
			*at = p->sibling;
			break;
		}
}

void proc_unfork(struct proc *p)
{
	unlink_proc(p);
	kfree(p, sizeof(*p));
}

void proc_reap(struct proc *p)
{
	p->parent->children_tsc += p->dead_cpu_tsc + p->children_tsc;
	unlink_proc(p);
	kfree(p, sizeof(*p));
}

/* The machine ends with the first process: the others end with it. */
static _Noreturn void machine_exit(int wstatus)
{
	if (net_at_exit)
		net_at_exit();
	syscall_report();
	int sig = wstatus & 0x7f;
	struct hc_exit req = { .status = sig ? 128 + sig : (wstatus >> 8) & 0xff };
	hypercall(HC_EXIT, &req);
	halt_forever();
}

/* Its children go to the first process, which reaps those already ended. */
static void reparent_children(struct proc *p)
{
	struct proc *init = proc_first();
	while (p->children) {
		struct proc *c = p->children;
		p->children = c->sibling;
		c->parent = init;
		c->ppid = init->pid;
		c->sibling = init->children;
		init->children = c;
		if (c->zombie)
			waitq_wake_all(&init->child_event);
	}
}

/* Tell the parent, or let the child go at once where the parent asked not to wait for it. */
static void notify_parent(struct proc *p)
{
	struct proc *parent = p->parent;
	const struct ksigaction *act = &parent->actions[SIGCHLD];
	bool autoreap = act->handler == SIG_IGN_HANDLER || (act->flags & SA_NOCLDWAIT);
	if (p->exit_signal && !(p->exit_signal == SIGCHLD && act->handler == SIG_IGN_HANDLER)) {
		int code = (p->exit_status & 0x7f) ? CLD_KILLED : CLD_EXITED;
		int status = (p->exit_status & 0x7f) ? p->exit_status & 0x7f : (p->exit_status >> 8) & 0xff;
		signal_send_proc(parent, p->exit_signal,
				 (struct sig_info){ code, (uint32_t)p->pid | (uint64_t)boot->uid << 32, (uint64_t)status });
	}
	waitq_wake_all(&parent->child_event);
	if (autoreap && p->exit_signal == SIGCHLD)
		proc_reap(p);
}

/* SIGCHLD for a stop or a continue, unless the parent asked for none (SA_NOCLDSTOP). */
static void tell_parent(struct proc *p, int code, int status)
{
	struct proc *parent = p->parent;
	if (!(parent->actions[SIGCHLD].flags & SA_NOCLDSTOP))
		signal_send_proc(parent, SIGCHLD,
				 (struct sig_info){ code, (uint32_t)p->pid | (uint64_t)boot->uid << 32, (uint64_t)status });
	waitq_wake_all(&parent->child_event);
}

void proc_stop(struct proc *p, int sig)
{
	if (p->stopped || p->exiting)
		return;
	p->stopped = true;
	p->stop_sig = sig;
	p->report = REPORT_STOPPED;
	if (p->parent)
		tell_parent(p, CLD_STOPPED, sig);
}

void proc_continue(struct proc *p)
{
	if (!p->stopped)
		return;
	p->stopped = false;
	p->report = REPORT_CONTINUED;
	for (struct thread *t = thread_next(0); t; t = thread_next(t))
		if (t->proc == p && t->stopped)
			sched_wake(t, WAKE_EVENT);
	if (p->parent)
		tell_parent(p, CLD_CONTINUED, SIGCONT);
}

void proc_thread_gone(struct proc *p)
{
	if (--p->threads) {
		if (p->exec_thread && p->threads == 1)
			sched_wake(p->exec_thread, WAKE_EVENT);
		return;
	}
	if (p->pid == PROC_PID)
		machine_exit(p->exit_status);
	files_put(p->files);
	p->files = 0;
	itimer_drop(p);
	ptimer_drop(p);
	sem_exit(p);
	if (p->vfork_parent) {
		sched_wake(p->vfork_parent, WAKE_EVENT);
		p->vfork_parent = 0;
	}
	if (mm_users(p->mm) == 1) {
		shm_forget(p->mm);
		filemap_forget(p->mm);
	}
	mm_put(p->mm);
	p->mm = 0;
	ctty_exit(p);
	pgrp_exit_orphans(p);
	reparent_children(p);
	p->zombie = true;
	notify_parent(p);
}

/* Wake p's sleeping threads but self, so that they take SIGKILL on their way back to the program. */
static void wake_others(struct proc *p, struct thread *self)
{
	for (struct thread *t = thread_next(0); t; t = thread_next(t))
		if (t->proc == p && t != self && t->state == THREAD_BLOCKED)
			sched_wake(t, WAKE_SIGNAL);
}

void proc_single_thread(void)
{
	struct thread *self = current();
	struct proc *p = self->proc;
	if (p->threads == 1)
		return;
	/* Their SIGKILL ends only them (proc_end). */
	p->exec_thread = self;
	wake_others(p, self);
	while (p->threads > 1)
		sched_block(0);
	p->exec_thread = 0;
	/* The one thread left leads the process now, with its id, as on Linux. */
	self->tid = p->pid;
}

_Noreturn void proc_end(int wstatus)
{
	struct thread *self = current();
	struct proc *p = self->proc;
	if (p->exec_thread && p->exec_thread != self && !p->exiting)
		thread_exit(0);
	if (!p->exiting) {
		p->exiting = true;
		p->exit_status = wstatus;
		if (p->pid == PROC_PID)
			machine_exit(wstatus);
		wake_others(p, self);
	}
	thread_exit(p->exit_status);
}

static const char *const signal_names[] = {
	[4] = "SIGILL", [5] = "SIGTRAP", [7] = "SIGBUS", [8] = "SIGFPE",
	[9] = "SIGKILL", [11] = "SIGSEGV", [13] = "SIGPIPE",
};

_Noreturn void app_crash(const char *what, int sig, uint64_t rip, uint64_t addr)
{
	/* Only the first program's crash gets a line: a shell reports its children's itself, as natively. */
	const char *name = proc_exe();
	for (const char *c = name; *c; c++)
		if (*c == '/' && c[1])
			name = c + 1;
	if (proc_current()->pid == PROC_PID)
		kmsg("%s crashed: %s (%s) at rip %#lx, address %#lx\n", name, what, signal_names[sig], rip, addr);
	app_killed(sig);
}

_Noreturn void app_killed(int sig)
{
	proc_end(sig & 0x7f);
}

_Noreturn void proc_exit(int status)
{
	proc_end((status & 0xff) << 8);
}
