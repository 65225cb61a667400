/* rt_sigreturn(2): back from a handler to the registers its frame saved. */
#include "kernel/signal/signal.h"
#include "sys.h"

SYSCALL_DEFINE0(rt_sigreturn)
{
	return signal_return(thread_uregs(current()));
}
