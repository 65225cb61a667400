/*
 * Signals. A signal is pending for a thread or for the program; on its way
 * back to the program a thread takes the lowest pending one it does not
 * block: a handler runs on the program's stack with a Linux rt_sigframe
 * (below the red zone), or the default action ends or ignores. Never while
 * the interrupted code is the kernel's entry path.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/gdt.h"
#include "kernel/proc/direct_syscall.h"
#include "kernel/kernel.h"
#include "kernel/sched/sched.h"
#include "signal.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/pgrp.h"
#include "kernel/proc/proc.h"
#include "kernel/time/ptimer.h"
#include "kernel/mm/vm.h"
#include "kernel/sched/waitq.h"
#include "kernel/uapi.h"


#define BIT(sig) (1ULL << ((sig) - 1))
#define IGNORED_BY_DEFAULT (BIT(SIGCHLD) | BIT(SIGCONT) | BIT(SIGURG) | BIT(SIGWINCH))
#define UNBLOCKABLE (BIT(SIGKILL) | BIT(SIGSTOP))
#define STOPPING (BIT(SIGSTOP) | BIT(SIGTSTP) | BIT(SIGTTIN) | BIT(SIGTTOU)) /* their default: stop */
#define RED_ZONE 128
/* Flags a handler may change through uc_mcontext: the arithmetic ones, TF, DF, OF, AC. */
#define USER_FLAGS 0x40dd5ULL

struct ksiginfo {
	int32_t signo, errno_, code, pad;
	uint64_t a; /* si_pid | si_uid << 32, or si_addr */
	uint8_t rest[104];
};

struct ksigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2, fpstate;
	uint64_t reserved[8];
};

struct kucontext {
	uint64_t flags, link;
	uint64_t ss_sp;
	int32_t ss_flags, pad;
	uint64_t ss_size;
	struct ksigcontext mc;
	uint64_t sigmask;
};

struct rt_sigframe {
	uint64_t pretcode;
	struct kucontext uc;
	struct ksiginfo info;
};

static uint64_t sent; /* signals made pending so far */

void signal_init(struct proc *p)
{
	for (int sig = 1; sig <= NSIG; sig++)
		if (boot->ignored_signals & BIT(sig))
			p->actions[sig].handler = SIG_IGN_HANDLER;
}

void signal_exec(struct proc *p)
{
	/* Handlers are code of the old image: they go back to the default, as on Linux; ignored stays ignored. */
	for (int sig = 1; sig <= NSIG; sig++) {
		bool ignored = p->actions[sig].handler == SIG_IGN_HANDLER;
		p->actions[sig] = (struct ksigaction){ .handler = ignored ? SIG_IGN_HANDLER : SIG_DFL_HANDLER };
	}
}

bool signal_kills(int sig)
{
	return proc_current()->actions[sig].handler == SIG_DFL_HANDLER && !((IGNORED_BY_DEFAULT | STOPPING) & BIT(sig));
}

bool signal_ignored(struct proc *p, int sig)
{
	uint64_t h = p->actions[sig].handler;
	return h == SIG_IGN_HANDLER || (h == SIG_DFL_HANDLER && (IGNORED_BY_DEFAULT & BIT(sig)));
}

/* Wake a thread that sleeps in the kernel so that it takes the signal (EINTR). */
static void interrupt_thread(struct thread *t)
{
	if (t->state == THREAD_BLOCKED)
		sched_wake(t, WAKE_SIGNAL);
}

struct sig_info signal_from_user(int code)
{
	struct proc *me = current()->proc;
	uint64_t uid = me ? me->cred.uid[CRED_REAL] : boot->uid;
	return (struct sig_info){ code, (uint32_t)(me ? me->pid : 0) | uid << 32, 0 };
}

void signal_send(struct thread *t, int sig, int code)
{
	signal_send_info(t, sig, signal_from_user(code));
}

/*
 * Is sig one the process throws away as it is sent? As on Linux: one it
 * ignores (or ignores by default, as SIGCHLD) unless the receiving thread
 * blocks it (a handler may be set before it is unblocked); never SIGKILL.
 */
/* As it is sent, SIGCONT continues the process and drops its pending stops; a stop drops a pending SIGCONT. */
static void stop_or_continue(struct proc *p, int sig)
{
	uint64_t drop = sig == SIGCONT ? STOPPING : (STOPPING & BIT(sig)) ? BIT(SIGCONT) : 0;
	if (!drop)
		return;
	if (sig == SIGCONT)
		proc_continue(p);
	p->sig_pending &= ~drop;
	for (struct thread *t = thread_next(0); t; t = thread_next(t))
		if (t->proc == p)
			t->sig_pending &= ~drop;
}

static bool discarded(struct proc *p, const struct thread *to, int sig)
{
	return sig != SIGKILL && signal_ignored(p, sig) && !(to && (to->sig_mask & BIT(sig)));
}

void signal_send_info(struct thread *t, int sig, struct sig_info info)
{
	uint64_t bit = BIT(sig);
	struct proc *p = t->proc;
	if (p->zombie)
		return;
	stop_or_continue(p, sig);
	if (discarded(p, t, sig))
		return;
	p->sig_info[sig] = info;
	sent++;
	waitq_notify_any(); /* signalfd readers in poll */
	t->sig_pending |= bit;
	if (!(t->sig_mask & bit) || (t->sig_waiting & bit) || sig == SIGKILL)
		interrupt_thread(t);
}

void signal_send_proc(struct proc *p, int sig, struct sig_info info)
{
	uint64_t bit = BIT(sig);
	if (p->zombie)
		return;
	stop_or_continue(p, sig);
	if (discarded(p, thread_find(p->pid), sig))
		return;
	p->sig_info[sig] = info;
	sent++;
	waitq_notify_any();
	p->sig_pending |= bit;
	/*
	 * One thread that can take it (the main thread first, as on Linux), and
	 * every thread waiting for it in rt_sigtimedwait; SIGKILL wakes them all.
	 */
	struct thread *main = thread_find(p->pid);
	bool taken = main && main->proc == p && !(main->sig_mask & bit);
	if (taken)
		interrupt_thread(main);
	for (struct thread *w = thread_next(0); w; w = thread_next(w)) {
		if (w->proc != p)
			continue;
		bool takes = !taken && !(w->sig_mask & bit);
		if (takes || (w->sig_waiting & bit) || sig == SIGKILL)
			interrupt_thread(w);
		taken |= takes;
	}
}

static int (*terminal_group)(void);

void signal_terminal_group(int (*foreground)(void))
{
	terminal_group = foreground;
}

void signal_take_host(void)
{
	uint64_t *word = (uint64_t *)&boot->host_signals;
	if (!__atomic_load_n(word, __ATOMIC_RELAXED))
		return;
	uint64_t sigs = __atomic_exchange_n(word, 0, __ATOMIC_ACQ_REL);
	for (int sig = 1; sig <= BOOT_TERMINAL_SIGNAL; sig++) {
		if (sigs & BIT(sig))
			signal_send_proc(proc_first(), sig, (struct sig_info){ SI_USER, (uint64_t)boot->uid << 32, 0 });
		if (!(sigs & BIT(sig + BOOT_TERMINAL_SIGNAL)))
			continue;
		/* From the terminal: its foreground group, as Linux's terminals send them. */
		int fg = terminal_group ? terminal_group() : 0;
		if (fg)
			pgrp_signal(fg, sig);
		else
			signal_send_proc(proc_first(), sig, (struct sig_info){ SI_KERNEL, 0, 0 });
	}
}

/* What is pending for t: its own signals and its process's. */
static uint64_t pending(const struct thread *t)
{
	return t->sig_pending | t->proc->sig_pending;
}

uint64_t signal_pending_blocked(struct thread *t)
{
	return pending(t) & t->sig_mask;
}

static int next_signal(struct thread *t)
{
	if (t->proc->exiting || (t->proc->exec_thread && t->proc->exec_thread != t))
		return SIGKILL;
	uint64_t ready = pending(t) & ~(t->sig_mask & ~UNBLOCKABLE);
	return ready ? __builtin_ctzll(ready) + 1 : 0;
}

bool signal_interrupts(struct thread *t)
{
	return next_signal(t) != 0;
}

uint64_t signal_pending_for(struct thread *t, uint64_t set, uint64_t *seq)
{
	*seq += sent;
	return pending(t) & set;
}

/* A pending signal is taken: a POSIX timer's now counts its overruns up to this moment. */
static void taken(struct proc *p, int sig)
{
	struct sig_info *info = &p->sig_info[sig];
	if (info->code != SI_TIMER)
		return;
	uint32_t id = (uint32_t)info->a;
	info->a = id | (uint64_t)ptimer_taken((int)id) << 32;
}

void signal_forget_timer(struct proc *p, int sig, int id)
{
	struct sig_info *info = &p->sig_info[sig];
	if (info->code != SI_TIMER || (uint32_t)info->a != (uint32_t)id)
		return;
	p->sig_pending &= ~BIT(sig);
	for (struct thread *t = thread_next(0); t; t = thread_next(t))
		if (t->proc == p)
			t->sig_pending &= ~BIT(sig);
}

int signal_take(uint64_t set, struct sig_info *info)
{
	struct thread *t = current();
	struct proc *p = t->proc;
	uint64_t ready = pending(t) & set & ~UNBLOCKABLE;
	if (!ready)
		return 0;
	int sig = __builtin_ctzll(ready) + 1;
	if (t->sig_pending & BIT(sig))
		t->sig_pending &= ~BIT(sig);
	else
		p->sig_pending &= ~BIT(sig);
	taken(p, sig);
	*info = p->sig_info[sig];
	return sig;
}

void signal_mask_during(uint64_t mask)
{
	struct thread *t = current();
	t->sig_saved_mask = t->sig_mask;
	t->sig_mask_saved = true;
	t->sig_mask = mask & ~UNBLOCKABLE;
}

void signal_mask_restore(void)
{
	struct thread *t = current();
	if (t->sig_mask_saved)
		t->sig_mask = t->sig_saved_mask;
	t->sig_mask_saved = false;
}

/*
 * A syscall a signal cut short (-ERESTARTSYS, -ERESTARTNOHAND or
 * -ERESTARTNOINTR): run it again, or fail it with EINTR when a handler runs
 * that has no SA_RESTART (never for -ERESTARTNOINTR).
 */
static void finish_interrupted(struct thread *t, struct uregs *f, const struct ksigaction *act)
{
	long ret = (long)f->rax;
	if (!t->restart_nr)
		return;
	if (!act || ret == -ERESTARTNOINTR || (ret == -ERESTARTSYS && (act->flags & SA_RESTART))) {
		f->rax = t->restart_nr - 1;
		f->rip -= syscall_insn_size(f);
	} else {
		f->rax = (uint64_t)-EINTR;
	}
	t->restart_nr = 0;
}

/* Build the handler's frame and point the registers at the handler. */
static void run_handler(struct thread *t, struct uregs *f, int sig, uint64_t addr)
{
	struct proc *p = t->proc;
	struct ksigaction *act = &p->actions[sig];
	uint64_t fpsize = fpu_area_size();
	bool on_alt = t->altstack_size && f->rsp - t->altstack_sp <= t->altstack_size;
	uint64_t sp = f->rsp - RED_ZONE;
	if ((act->flags & SA_ONSTACK) && t->altstack_size && !on_alt)
		sp = t->altstack_sp + t->altstack_size;
	uint64_t fpstate = (sp - fpsize) & ~63ULL;
	uint64_t frame_at = ((fpstate - sizeof(struct rt_sigframe)) & ~15ULL) - 8;
	if (!vm_check(frame_at, sp - frame_at, PAGE_WRITE))
		app_crash("no room for a signal frame", 11, f->rip, frame_at);
	memset((void *)fpstate, 0, fpsize);
	fpu_save((void *)fpstate);
	struct rt_sigframe frame = { .pretcode = act->restorer };
	frame.uc.mc = (struct ksigcontext){
		f->r8, f->r9, f->r10, f->r11, f->r12, f->r13, f->r14, f->r15, f->rdi, f->rsi, f->rbp, f->rbx,
		f->rdx, f->rax, f->rcx, f->rsp, f->rip, f->rflags, (uint16_t)f->cs, 0, 0, (uint16_t)f->ss,
		f->error, f->vector < 32 ? f->vector : 0, 0, addr, fpstate, { 0 },
	};
	frame.uc.ss_sp = t->altstack_sp;
	frame.uc.ss_size = t->altstack_size;
	frame.uc.ss_flags = !t->altstack_size ? SS_DISABLE : on_alt ? SS_ONSTACK : 0;
	frame.uc.sigmask = t->sig_mask_saved ? t->sig_saved_mask : t->sig_mask;
	t->sig_mask_saved = false;
	frame.info = (struct ksiginfo){ .signo = sig, .code = p->sig_info[sig].code, .a = addr ? addr : p->sig_info[sig].a };
	memcpy(frame.info.rest, &p->sig_info[sig].b, sizeof(p->sig_info[sig].b));
	memcpy((void *)frame_at, &frame, sizeof(frame));

	struct rt_sigframe *uf = (struct rt_sigframe *)frame_at;
	f->rip = act->handler;
	f->rsp = frame_at;
	f->rdi = (uint64_t)sig;
	f->rsi = (uint64_t)&uf->info;
	f->rdx = (uint64_t)&uf->uc;
	f->rax = 0;
	f->rflags &= ~(RFLAGS_TF | RFLAGS_DF);
	t->sig_mask |= act->mask | (act->flags & SA_NODEFER ? 0 : BIT(sig));
	t->sig_mask &= ~UNBLOCKABLE;
	if (act->flags & SA_RESETHAND)
		act->handler = SIG_DFL_HANDLER;
	t->frame_dirty = true;
}

/* While the process is stopped its threads sleep here, on their way back to the program; SIGKILL ends that. */
static void stay_stopped(struct thread *t)
{
	struct proc *p = t->proc;
	while (p->stopped && !p->exiting && !(pending(t) & BIT(SIGKILL))) {
		t->stopped = true;
		sched_block(0);
		t->stopped = false;
	}
}

void signal_deliver(struct uregs *f)
{
	struct thread *t = current();
	/* An interrupt in the entry or exit code: the signal waits for the next way out. */
	if (f->rip >= KERNEL_VBASE)
		return;
	struct proc *p = t->proc;
	int sig;
	stay_stopped(t);
	while ((sig = next_signal(t))) {
		uint64_t bit = BIT(sig);
		uint64_t addr = t->sig_pending & bit ? t->sig_fault_addr : 0;
		if (t->sig_pending & bit)
			t->sig_pending &= ~bit;
		else
			p->sig_pending &= ~bit;
		taken(p, sig);
		uint64_t handler = p->actions[sig].handler;
		if (sig != SIGKILL && signal_ignored(p, sig))
			continue;
		if (handler == SIG_DFL_HANDLER && (STOPPING & bit)) {
			/* A group nobody could continue is not stopped by the terminal's signals, as on Linux. */
			if (sig != SIGSTOP && pgrp_orphaned(p->pgid))
				continue;
			proc_stop(p, sig);
			stay_stopped(t);
			continue;
		}
		if (handler == SIG_DFL_HANDLER || sig == SIGKILL)
			app_killed(sig);
		finish_interrupted(t, f, &p->actions[sig]);
		run_handler(t, f, sig, addr);
		return;
	}
	finish_interrupted(t, f, 0);
	signal_mask_restore();
}

bool signal_fault(struct uregs *f, int sig, int code, uint64_t addr)
{
	struct thread *t = current();
	uint64_t handler = t->proc->actions[sig].handler;
	(void)f;
	if (handler == SIG_DFL_HANDLER || handler == SIG_IGN_HANDLER || (t->sig_mask & BIT(sig)))
		return false;
	t->sig_pending |= BIT(sig);
	t->sig_fault_addr = addr;
	t->proc->sig_info[sig] = (struct sig_info){ .code = code, .a = addr };
	return true;
}

long signal_wait(uint64_t set, uint64_t deadline, struct sig_info *info)
{
	struct thread *t = current();
	set &= ~UNBLOCKABLE;
	for (;;) {
		int sig = signal_take(set, info);
		if (sig)
			return sig;
		if (deadline == 1)
			return -EAGAIN;
		t->sig_waiting = set;
		enum wake_reason why = sched_block_interruptible(deadline);
		t->sig_waiting = 0;
		if (why == WAKE_TIMEOUT)
			return -EAGAIN;
		if (next_signal(t))
			return -EINTR;
	}
}

long signal_suspend(uint64_t mask)
{
	struct thread *t = current();
	signal_mask_during(mask);
	while (!next_signal(t))
		sched_block(0);
	return -EINTR;
}

long signal_return(struct uregs *f)
{
	struct thread *t = current();
	struct kucontext uc;
	if (copy_from_user(&uc, (const void *)f->rsp, sizeof(uc)))
		app_crash("bad signal frame", 11, f->rip, f->rsp);
	const struct ksigcontext *m = &uc.mc;
	if (m->fpstate && vm_check(m->fpstate, fpu_area_size(), PAGE_READ) && !(m->fpstate & 63))
		fpu_restore((const void *)m->fpstate);
	*f = (struct uregs){
		.r15 = m->r15, .r14 = m->r14, .r13 = m->r13, .r12 = m->r12, .r11 = m->r11, .r10 = m->r10,
		.r9 = m->r9, .r8 = m->r8, .rbp = m->rbp, .rdi = m->rdi, .rsi = m->rsi, .rdx = m->rdx,
		.rcx = m->rcx, .rbx = m->rbx, .rax = m->rax, .vector = SYSCALL_VECTOR,
		.rip = m->rip, .cs = GDT_CODE, .rflags = (f->rflags & ~USER_FLAGS) | (m->eflags & USER_FLAGS),
		.rsp = m->rsp, .ss = GDT_DATA,
	};
	t->sig_mask = uc.sigmask & ~UNBLOCKABLE;
	t->frame_dirty = true;
	return (long)m->rax;
}
