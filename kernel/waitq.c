/* Wait queues, under the kernel lock like everything that wakes them. */
#include "sched.h"
#include "waitq.h"

enum wake_reason waitq_wait(struct waitq *q)
{
	struct thread *t = current();
	t->waitq_next = q->head;
	q->head = t;
	enum wake_reason why = sched_block(0);
	/* Woken by a signal: still queued. */
	for (struct thread **p = &q->head; *p; p = &(*p)->waitq_next)
		if (*p == t) {
			*p = t->waitq_next;
			break;
		}
	return why;
}

void waitq_wake_all(struct waitq *q)
{
	while (q->head) {
		struct thread *t = q->head;
		q->head = t->waitq_next;
		sched_wake(t, WAKE_EVENT);
	}
}
