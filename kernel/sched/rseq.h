/* Restartable sequences: each thread's registered struct rseq. */
#ifndef KERNEL_RSEQ_H
#define KERNEL_RSEQ_H

#include "thread.h"

/* The thread runs on a CPU now: keep its area's CPU ids right. */
void rseq_set_cpu(struct thread *t);
/* The thread was preempted or is taking a signal: abort a sequence it was in (moves f->rip). */
void rseq_preempted(struct thread *t, struct uregs *f);

#endif
