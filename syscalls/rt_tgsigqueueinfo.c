/* rt_tgsigqueueinfo(2): to one thread, with the caller's siginfo. */
#include "kernel/signal/sigsend.h"
#include "sys.h"

long sys_rt_tgsigqueueinfo(const uint64_t *args)
{
	long err;
	struct thread *t = sigsend_thread((int)args[0], (int)args[1], (long)args[2], &err);
	return t ? sigsend_info(t, (long)args[2], (const void *)args[3]) : err;
}
