/* The checks kill, tgkill, tkill and the sigqueue calls share. */
#include <asm-generic/errno.h>

#include "kernel/proc/proc.h"
#include "signal.h"
#include "sigsend.h"
#include "kernel/mm/uaccess.h"

struct thread *sigsend_thread(int tgid, int tid, long sig, long *err)
{
	struct thread *t = tid > 0 ? thread_find(tid) : 0;
	if (t && tgid != -1 && t->proc->pid != tgid)
		t = 0;
	*err = (tgid <= 0 && tgid != -1) || tid <= 0 ? -EINVAL : t ? 0 : sig < 0 || sig > NSIG ? -EINVAL : -ESRCH;
	return *err ? 0 : t;
}

long sigsend(struct proc *p, struct thread *t, long sig, int code)
{
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (sig && t)
		signal_send(t, (int)sig, code);
	else if (sig)
		signal_send_proc(p, (int)sig, signal_from_user(code));
	return 0;
}

long sigsend_info(struct proc *p, struct thread *t, long sig, const void *uinfo)
{
	/* siginfo_t: signo, errno, code, then for SI_QUEUE pid and uid, then the value. */
	struct {
		int32_t signo, errno_, code, pad;
		uint64_t a, b;
	} info;
	if (copy_from_user(&info, uinfo, sizeof(info)))
		return -EFAULT;
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	/* Linux lets a process give another one any si_code but SI_USER's and the kernel's (>= 0). */
	if ((info.code >= 0 || info.code == SI_TKILL) && (t ? t->proc : p) != proc_current())
		return -EPERM;
	struct sig_info si = { info.code, info.a, info.b };
	if (sig && t)
		signal_send_info(t, (int)sig, si);
	else if (sig)
		signal_send_proc(p, (int)sig, si);
	return 0;
}
