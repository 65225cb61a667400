/* Wait queues: threads sleeping until an object changes (a pipe's data or space...). */
#ifndef KERNEL_WAITQ_H
#define KERNEL_WAITQ_H

#include <stdint.h>

#include "thread.h"

struct waitq {
	struct thread *head;
	uint64_t seq; /* counts wake-ups: a change since a reader last looked */
};

/* Sleep on q until waitq_wake_all, a signal or deadline (TSC, 0: none); returns why it woke. */
enum wake_reason waitq_wait_until(struct waitq *q, uint64_t deadline);
void waitq_wake_all(struct waitq *q);

static inline enum wake_reason waitq_wait(struct waitq *q)
{
	return waitq_wait_until(q, 0);
}

/* poll, select and epoll: sleep until any wait queue is woken (or waitq_notify_any). */
enum wake_reason waitq_wait_any(uint64_t deadline);
/* Something that has no wait queue changed (a signal arrived): wake waitq_wait_any. */
void waitq_notify_any(void);

#endif
