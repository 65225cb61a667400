/* Signal state. Delivery to handlers is not implemented yet: only default actions. */
#include "signal.h"

struct ksigaction sig_actions[NSIG + 1];

bool signal_kills(int sig)
{
	return sig_actions[sig].handler == SIG_DFL_HANDLER;
}
