/*
 * The controlling terminal: a session leader takes a terminal (opening it,
 * or TIOCSCTTY), its processes inherit it, one of its process groups is in
 * the foreground (TIOCSPGRP), and the others are stopped when they read it,
 * or write it with TOSTOP, as Linux's job control does.
 */
#include "kernel/kernel.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/pgrp.h"
#include "kernel/proc/proc.h"
#include "kernel/sched/thread.h"
#include "kernel/signal/signal.h"
#include "kernel/uapi.h"
#include "tty.h"

static bool leads_session(const struct proc *p)
{
	return p->sid == p->pid;
}

/* Nobody in t's session has it any more. */
static void forget(struct tty *t)
{
	for (struct proc *p = proc_next(0); p; p = proc_next(p))
		if (p->ctty == t)
			p->ctty = 0;
	t->sid = t->pgrp = 0;
}

static void take(struct tty *t, struct proc *p)
{
	t->sid = p->sid;
	t->pgrp = p->pgid;
	p->ctty = t;
}

long ctty_check(struct tty *t, int sig)
{
	struct proc *p = proc_current();
	if (p->ctty != t || !t->pgrp || p->pgid == t->pgrp)
		return 0;
	if (signal_ignored(p, sig) || (current()->sig_mask & (1ULL << (sig - 1))))
		return sig == SIGTTIN ? -EIO : 0;
	if (pgrp_orphaned(p->pgid))
		return -EIO;
	pgrp_signal(p->pgid, sig);
	return -ERESTARTSYS;
}

void ctty_open(struct tty *t)
{
	struct proc *p = proc_current();
	if (leads_session(p) && !p->ctty && !t->sid)
		take(t, p);
}

/* TIOCSCTTY: steal (arg 1) takes it from another session, for root only. */
static long set_ctty(struct tty *t, uint64_t steal)
{
	struct proc *p = proc_current();
	if (leads_session(p) && t->sid == p->sid)
		return 0;
	if (!leads_session(p) || p->ctty)
		return -EPERM;
	if (t->sid) {
		if (steal != 1 || p->cred.uid[CRED_EFFECTIVE] != 0)
			return -EPERM;
		forget(t);
	}
	take(t, p);
	return 0;
}

/* TIOCNOTTY: a session leader gives it up for the whole session, its foreground group hung up. */
static long drop_ctty(struct tty *t)
{
	struct proc *p = proc_current();
	if (p->ctty != t)
		return -ENOTTY;
	if (!leads_session(p)) {
		p->ctty = 0;
		return 0;
	}
	int pgrp = t->pgrp;
	forget(t);
	if (pgrp) {
		pgrp_signal(pgrp, SIGHUP);
		pgrp_signal(pgrp, SIGCONT);
	}
	return 0;
}

/* TIOCSPGRP: a group of the caller's session takes the foreground. */
static long set_pgrp(struct tty *t, uint64_t arg)
{
	struct proc *p = proc_current();
	long err = ctty_check(t, SIGTTOU);
	if (err)
		return err == -EIO ? -ENOTTY : err;
	if (p->ctty != t || t->sid != p->sid)
		return -ENOTTY;
	int pgrp;
	if (copy_from_user(&pgrp, (const void *)arg, sizeof(pgrp)))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	if (!pgrp_exists(pgrp, -1))
		return -ESRCH;
	if (!pgrp_exists(pgrp, p->sid))
		return -EPERM;
	t->pgrp = pgrp;
	return 0;
}

long tty_put_int(uint64_t arg, int v)
{
	return copy_to_user((void *)arg, &v, sizeof(v)) ? -EFAULT : 0;
}

long ctty_ioctl(struct tty *t, bool master, unsigned cmd, uint64_t arg)
{
	/* Through the slave side these tell only the terminal's own processes. */
	bool mine = master || proc_current()->ctty == t;
	switch (cmd) {
	case TIOCSCTTY:
		return set_ctty(t, arg);
	case TIOCNOTTY:
		return master ? -ENOTTY : drop_ctty(t);
	case TIOCGPGRP:
		return mine ? tty_put_int(arg, t->pgrp) : -ENOTTY;
	case TIOCGSID:
		return mine && t->sid ? tty_put_int(arg, t->sid) : -ENOTTY;
	case TIOCSPGRP:
		return set_pgrp(t, arg);
	default:
		return -CTTY_NOT_MINE;
	}
}

void ctty_hangup(struct tty *t)
{
	for (struct proc *p = proc_next(0); p; p = proc_next(p)) {
		if (p->ctty != t)
			continue;
		if (leads_session(p) && !p->zombie) {
			signal_send_proc(p, SIGHUP, (struct sig_info){ SI_KERNEL, 0, 0 });
			signal_send_proc(p, SIGCONT, (struct sig_info){ SI_KERNEL, 0, 0 });
		}
	}
	forget(t);
}

void ctty_exit(struct proc *p)
{
	struct tty *t = p->ctty;
	if (!t || !leads_session(p))
		return;
	int pgrp = t->pgrp;
	forget(t);
	if (pgrp)
		pgrp_signal(pgrp, SIGHUP);
}
