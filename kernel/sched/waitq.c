/*
 * Wait queues, under the kernel lock like everything that wakes them. Every
 * wake-up also wakes the threads in poll, select and epoll: they look again at
 * all their files, which costs little for the few a unikernel's program has.
 */
#include "sched.h"
#include "waitq.h"

static struct waitq any;

enum wake_reason waitq_wait_until(struct waitq *q, uint64_t deadline)
{
	struct thread *t = current();
	t->waitq_next = q->head;
	q->head = t;
	enum wake_reason why = sched_block_interruptible(deadline);
	/* Woken by a signal or the deadline: still queued. */
	for (struct thread **p = &q->head; *p; p = &(*p)->waitq_next)
		if (*p == t) {
			*p = t->waitq_next;
			break;
		}
	return why;
}

static void wake(struct waitq *q)
{
	q->seq++;
	while (q->head) {
		struct thread *t = q->head;
		q->head = t->waitq_next;
		sched_wake(t, WAKE_EVENT);
	}
}

void waitq_wake_all(struct waitq *q)
{
	wake(q);
	wake(&any);
}

enum wake_reason waitq_wait_any(uint64_t deadline)
{
	return waitq_wait_until(&any, deadline);
}

void waitq_notify_any(void)
{
	wake(&any);
}
