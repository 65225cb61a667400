/* rt_tgsigqueueinfo(2): to one thread, with the caller's siginfo. */
#include "kernel/signal/sigsend.h"
#include "sys.h"

SYSCALL_DEFINE4(rt_tgsigqueueinfo, int, tgid, int, tid, int, sig, const void *, info)
{
	long err;
	struct thread *t = sigsend_thread(tgid, tid, sig, &err);
	return t ? sigsend_info(0, t, sig, info) : err;
}
