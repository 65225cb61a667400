/* Signals: dispositions, pending sets, delivery to handlers on the program's stack. */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86_64/uregs.h"
#include "kernel/sched/thread.h"

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

extern struct ksigaction sig_actions[NSIG + 1];

/* The dispositions the program starts with. */
void signal_init(void);
/* Would this signal, raised now, end the program? */
bool signal_kills(int sig);
/* Make sig pending for thread t, or for the program (t 0: any thread that does not block it). */
void signal_send(struct thread *t, int sig, int code);
/* The same with the whole siginfo. */
void signal_send_info(struct thread *t, int sig, struct sig_info info);
/* Before returning to the program: run the handler of a pending, unblocked signal, or its default action. */
void signal_deliver(struct uregs *f);
/* A fault in the program: true if a handler will take it (delivered on the way out). */
bool signal_fault(struct uregs *f, int sig, int code, uint64_t addr);
/* Signals sent to uhyve-run (boot_info.host_signals) become the program's. */
void signal_take_host(void);
/* Pending signals t blocks. */
uint64_t signal_pending_blocked(struct thread *t);
/* rt_sigtimedwait: take a signal of set, waiting until deadline (TSC; 0 none, 1 do not wait). */
long signal_wait(uint64_t set, uint64_t deadline, struct sig_info *info);
/* Is a signal pending that t does not block? Then sleeps end early. */
bool signal_interrupts(struct thread *t);
/* Which of set are pending for t; adds to *seq the count of signals ever sent. */
uint64_t signal_pending_for(struct thread *t, uint64_t set, uint64_t *seq);
/* Timer id was set again or deleted: its signal still pending goes, as on Linux. */
void signal_forget_timer(int sig, int id);
/* Take the lowest pending signal of set for the calling thread: its number (0 if none) and si_code. */
int signal_take(uint64_t set, struct sig_info *info);
/*
 * ppoll, pselect6, epoll_pwait, rt_sigsuspend: mask holds while the call
 * waits. The old one comes back with signal_mask_restore when the call ends
 * without EINTR, else after the handler it ends for (or at once if none runs).
 */
void signal_mask_during(uint64_t mask);
void signal_mask_restore(void);
/* rt_sigsuspend: wait with mask until a signal is taken; always -EINTR. */
long signal_suspend(uint64_t mask);
/* rt_sigreturn: the registers, mask and vector state the handler's frame holds. */
long signal_return(struct uregs *f);

#endif
