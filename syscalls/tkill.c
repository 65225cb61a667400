/* tkill(2): a thread of the program. */
#include "kernel/proc/proc.h"
#include "kernel/signal/sigsend.h"
#include "kernel/signal/signal.h"
#include "sys.h"

SYSCALL_DEFINE2(tkill, int, tid, int, sig)
{
	long err;
	/* The program is the only thread group. */
	struct thread *t = sigsend_thread(PROC_PID, tid, sig, &err);
	return t ? sigsend(t, sig, SI_TKILL) : err;
}
