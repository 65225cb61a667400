/* The checks kill, tgkill and tkill share. */
#include <asm-generic/errno.h>

#include "signal.h"
#include "sigsend.h"

long sigsend(struct thread *t, long sig, int code)
{
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (sig)
		signal_send(t, (int)sig, code);
	return 0;
}
