/* tkill(2): a thread of the program. */
#include "kernel/proc.h"
#include "kernel/sigsend.h"
#include "kernel/signal.h"
#include "sys.h"

long sys_tkill(const uint64_t *args)
{
	long err;
	/* The program is the only thread group. */
	struct thread *t = sigsend_thread(PROC_PID, (int)args[0], (long)args[1], &err);
	return t ? sigsend(t, (long)args[1], SI_TKILL) : err;
}
