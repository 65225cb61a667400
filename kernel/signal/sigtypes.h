/* The types of signal state that a process holds (kernel/proc/proc.h). */
#ifndef KERNEL_SIGTYPES_H
#define KERNEL_SIGTYPES_H

#include <stdint.h>

#define NSIG 64
#define SIG_DFL_HANDLER 0
#define SIG_IGN_HANDLER 1

#define SI_USER 0
#define SI_TIMER (-2)
#define SI_TKILL (-6)

/* What a pending signal's siginfo says besides its number. */
struct sig_info {
	int code;   /* si_code */
	uint64_t a; /* si_pid | si_uid << 32, si_timerid | si_overrun << 32, or si_addr */
	uint64_t b; /* si_value */
};

/* The kernel's struct sigaction for x86-64. */
struct ksigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

#endif
