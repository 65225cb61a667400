/* rt_sigreturn(2): back from a handler to the registers its frame saved. */
#include "kernel/signal/signal.h"
#include "sys.h"

long sys_rt_sigreturn(const uint64_t *args)
{
	(void)args;
	return signal_return(thread_uregs(current()));
}
