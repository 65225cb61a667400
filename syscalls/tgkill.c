/* tgkill(2): a thread of a process. */
#include "kernel/signal/sigsend.h"
#include "kernel/signal/signal.h"
#include "sys.h"

SYSCALL_DEFINE3(tgkill, int, tgid, int, tid, int, sig)
{
	long err;
	struct thread *t = sigsend_thread(tgid, tid, sig, &err);
	return t ? sigsend(0, t, sig, SI_TKILL) : err;
}
