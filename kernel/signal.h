/* Signal dispositions and the mask, as the program set them. */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#define NSIG 64
#define SIG_DFL_HANDLER 0
#define SIG_IGN_HANDLER 1

/* The kernel's struct sigaction for x86-64. */
struct ksigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

extern struct ksigaction sig_actions[NSIG + 1];

/* Would this signal, raised now, end the program? */
bool signal_kills(int sig);

#endif
