/* Checking and sending kill(2)-style requests. */
#ifndef KERNEL_SIGSEND_H
#define KERNEL_SIGSEND_H

#include "kernel/sched/thread.h"

/* Send sig (0: only check) to thread t, or to the program if t is 0. 0 or -EINVAL. */
long sigsend(struct thread *t, long sig, int code);
/* The thread tid of thread group tgid to send sig to, or 0 and *err (EINVAL, ESRCH). */
struct thread *sigsend_thread(int tgid, int tid, long sig, long *err);
/* The same with the program's siginfo (rt_sigqueueinfo): 0, -EINVAL or -EFAULT. */
long sigsend_info(struct thread *t, long sig, const void *uinfo);

#endif
