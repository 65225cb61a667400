/* tgkill(2): a thread of the program. */
#include "kernel/signal/sigsend.h"
#include "kernel/signal/signal.h"
#include "sys.h"

long sys_tgkill(const uint64_t *args)
{
	long err;
	struct thread *t = sigsend_thread((int)args[0], (int)args[1], (long)args[2], &err);
	return t ? sigsend(t, (long)args[2], SI_TKILL) : err;
}
