/* The checks kill, tgkill, tkill and the sigqueue calls share. */
#include <asm-generic/errno.h>

#include "kernel/proc/proc.h"
#include "signal.h"
#include "sigsend.h"
#include "kernel/mm/uaccess.h"

struct thread *sigsend_thread(int tgid, int tid, long sig, long *err)
{
	struct thread *t = tgid == PROC_PID ? thread_find(tid) : 0;
	*err = tgid <= 0 || tid <= 0 ? -EINVAL : t ? 0 : sig < 0 || sig > NSIG ? -EINVAL : -ESRCH;
	return *err ? 0 : t;
}

long sigsend(struct thread *t, long sig, int code)
{
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (sig)
		signal_send(t, (int)sig, code);
	return 0;
}

long sigsend_info(struct thread *t, long sig, const void *uinfo)
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
	/* Any si_code is allowed: the program only ever signals itself. */
	if (sig)
		signal_send_info(t, (int)sig, (struct sig_info){ info.code, info.a, info.b });
	return 0;
}
