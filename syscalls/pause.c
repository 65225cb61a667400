/* pause(2): sleep until a signal comes that runs a handler or ends the process. */
#include "kernel/sched/sched.h"
#include "kernel/signal/signal.h"
#include "sys.h"

SYSCALL_DEFINE0(pause)
{
	while (!signal_interrupts(current()))
		sched_block(0);
	/* Restarted if no handler ran (an ignored signal): pause goes on sleeping, as on Linux. */
	return -ERESTARTNOHAND;
}
