/* tkill(2): a thread of any process. */
#include "kernel/signal/signal.h"
#include "kernel/signal/sigsend.h"
#include "sys.h"

SYSCALL_DEFINE2(tkill, int, tid, int, sig)
{
	long err;
	struct thread *t = sigsend_thread(-1, tid, sig, &err);
	return t ? sigsend(0, t, sig, SI_TKILL) : err;
}
