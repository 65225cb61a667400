/* tkill(2): a thread of the program. */
#include "kernel/proc/proc.h"
#include "kernel/signal/sigsend.h"
#include "kernel/signal/signal.h"
#include "sys.h"

long sys_tkill(const uint64_t *args)
{
	long err;
	/* The program is the only thread group. */
	struct thread *t = sigsend_thread(PROC_PID, (int)args[0], (long)args[1], &err);
	return t ? sigsend(t, (long)args[1], SI_TKILL) : err;
}
