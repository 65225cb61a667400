/* Wait queues: threads sleeping until an object changes (a pipe's data or space...). */
#ifndef KERNEL_WAITQ_H
#define KERNEL_WAITQ_H

#include "thread.h"

struct waitq {
	struct thread *head;
};

/* Sleep on q until waitq_wake_all or a signal; returns why it woke. */
enum wake_reason waitq_wait(struct waitq *q);
void waitq_wake_all(struct waitq *q);

#endif
