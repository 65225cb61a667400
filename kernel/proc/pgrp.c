/* Process groups: orphaned ones (POSIX's rules) and signals to a group. */
#include "kernel/kernel.h"
#include "kernel/signal/signal.h"
#include "kernel/uapi.h"
#include "pgrp.h"
#include "proc.h"

/* Does p tie its group to its session: a parent in another group of the same session? gone: ending. */
static bool ties(const struct proc *p, const struct proc *gone)
{
	if (p->zombie || p == gone)
		return false;
	if (p->pid == PROC_PID)
		return true;
	const struct proc *up = p->parent;
	return up && up != gone && !up->zombie && up->pgid != p->pgid && up->sid == p->sid;
}

static bool orphaned_without(int pgid, const struct proc *gone)
{
	for (struct proc *p = proc_next(0); p; p = proc_next(p))
		if (p->pgid == pgid && ties(p, gone))
			return false;
	return true;
}

bool pgrp_orphaned(int pgid)
{
	return orphaned_without(pgid, 0);
}

bool pgrp_exists(int pgid, int sid)
{
	for (struct proc *p = proc_next(0); p; p = proc_next(p))
		if (p->pgid == pgid && !p->zombie && (sid < 0 || p->sid == sid))
			return true;
	return false;
}

void pgrp_signal(int pgid, int sig)
{
	for (struct proc *p = proc_next(0); p; p = proc_next(p))
		if (p->pgid == pgid && !p->zombie)
			signal_send_proc(p, sig, (struct sig_info){ SI_KERNEL, 0, 0 });
}

static bool has_stopped(int pgid)
{
	for (struct proc *p = proc_next(0); p; p = proc_next(p))
		if (p->pgid == pgid && !p->zombie && p->stopped)
			return true;
	return false;
}

/* Group pgid, which p tied to its session, when p's end orphans it. */
static void hang_up_if_orphaned(int pgid, const struct proc *p)
{
	if (orphaned_without(pgid, p) && has_stopped(pgid)) {
		pgrp_signal(pgid, SIGHUP);
		pgrp_signal(pgid, SIGCONT);
	}
}

void pgrp_exit_orphans(struct proc *p)
{
	const struct proc *up = p->parent;
	if (up && up->pgid != p->pgid && up->sid == p->sid)
		hang_up_if_orphaned(p->pgid, p);
	for (struct proc *c = p->children; c; c = c->sibling)
		if (c->pgid != p->pgid && c->sid == p->sid)
			hang_up_if_orphaned(c->pgid, p);
}
