/* Signals: dispositions, pending sets, delivery to handlers on the program's stack. */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86_64/uregs.h"
#include "kernel/sched/thread.h"
#include "sigtypes.h"

struct proc;

/* The dispositions the first program starts with (uhyve-run's own ignored signals). */
void signal_init(struct proc *p);
/* A new program image: handlers back to the default. */
void signal_exec(struct proc *p);
/* Would this signal, raised now, end the calling process? */
bool signal_kills(int sig);
/* Does p throw sig away (ignored, or ignored by default)? */
bool signal_ignored(struct proc *p, int sig);
/* The siginfo of a signal the calling process sends: its pid and uid. */
struct sig_info signal_from_user(int code);
/* Make sig pending for thread t. */
void signal_send(struct thread *t, int sig, int code);
/* The same with the whole siginfo. */
void signal_send_info(struct thread *t, int sig, struct sig_info info);
/* Make sig pending for process p: any of its threads that does not block it takes it. */
void signal_send_proc(struct proc *p, int sig, struct sig_info info);
/* Before returning to the program: run the handler of a pending, unblocked signal, or its default action. */
void signal_deliver(struct uregs *f);
/* A fault in the program: true if a handler will take it (delivered on the way out). */
bool signal_fault(struct uregs *f, int sig, int code, uint64_t addr);
/* Signals sent to uhyve-run (boot_info.host_signals) become the program's; its terminal's, its foreground group's. */
void signal_take_host(void);
/* Who that group is (kernel/tty/console.c tells, when uhyve-run's terminal is the program's): a pgid, or 0. */
void signal_terminal_group(int (*foreground)(void));
/* Pending signals t blocks. */
uint64_t signal_pending_blocked(struct thread *t);
/* rt_sigtimedwait: take a signal of set, waiting until deadline (TSC; 0 none, 1 do not wait). */
long signal_wait(uint64_t set, uint64_t deadline, struct sig_info *info);
/* Is a signal pending that t does not block? Then sleeps end early. */
bool signal_interrupts(struct thread *t);
/* Which of set are pending for t; adds to *seq the count of signals ever sent. */
uint64_t signal_pending_for(struct thread *t, uint64_t set, uint64_t *seq);
/* Timer id was set again or deleted: its signal still pending goes, as on Linux. */
void signal_forget_timer(struct proc *p, int sig, int id);
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
