/* Checking and sending kill(2)-style requests. */
#ifndef KERNEL_SIGSEND_H
#define KERNEL_SIGSEND_H

#include "kernel/sched/thread.h"

struct proc;

/* Send sig (0: only check) to thread t, or to process p if t is 0. 0 or -EINVAL. */
long sigsend(struct proc *p, struct thread *t, long sig, int code);
/* The thread tid of thread group tgid (-1: of any) to send sig to, or 0 and *err (EINVAL, ESRCH). */
struct thread *sigsend_thread(int tgid, int tid, long sig, long *err);
/* The same with the caller's siginfo (rt_sigqueueinfo): 0, -EINVAL, -EPERM or -EFAULT. */
long sigsend_info(struct proc *p, struct thread *t, long sig, const void *uinfo);

#endif
