/* Waiting for children to end, and reaping them. */
#include <linux/wait.h>

#include "kernel/kernel.h"
#include "kernel/mm/uaccess.h"
#include "kernel/signal/signal.h"
#include "kernel/time/ticks.h"
#include "kernel/uapi.h"
#include "proc.h"
#include "wait.h"

static bool matches(const struct proc *c, int which, int id)
{
	switch (which) {
	case P_PID:
		return c->pid == id;
	case P_PGID:
		return c->pgid == id;
	default:
		return true;
	}
}

long wait_rusage(void *uru, const struct wait_result *res)
{
	int64_t usage[18] = { (int64_t)(res->cpu_ns / 1000000000), (int64_t)(res->cpu_ns % 1000000000 / 1000) };
	return copy_to_user(uru, usage, sizeof(usage));
}

long proc_wait(int which, int id, int options, struct wait_result *res)
{
	struct proc *self = proc_current();
	if (which == P_PGID && id == 0)
		id = self->pgid;
	for (;;) {
		bool any = false;
		for (struct proc *c = self->children; c; c = c->sibling) {
			if (!matches(c, which, id))
				continue;
			any = true;
			*res = (struct wait_result){ c->pid, 0, boot->uid, tsc_to_ns(c->dead_cpu_tsc + c->children_tsc) };
			if (c->zombie && (options & WEXITED)) {
				res->status = c->exit_status;
				if (!(options & WNOWAIT))
					proc_reap(c);
				return res->pid;
			}
			/* A stop or a continue is reported once, unless WNOWAIT. */
			bool stop = (options & WSTOPPED) && c->report == REPORT_STOPPED;
			bool cont = (options & WCONTINUED) && c->report == REPORT_CONTINUED;
			if (c->zombie || !(stop || cont))
				continue;
			res->status = stop ? c->stop_sig << 8 | 0x7f : 0xffff;
			if (!(options & WNOWAIT))
				c->report = REPORT_NONE;
			return res->pid;
		}
		if (!any)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		/* Looked at first, as Linux does: a child that ended as the signal came is still found. */
		if (signal_interrupts(current()))
			return -ERESTARTSYS;
		waitq_wait(&self->child_event);
	}
}
