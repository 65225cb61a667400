/*
 * Futexes. One address space, so a futex is its address (private or shared
 * alike). Waiters sit on one list; the kernel lock makes "check the word,
 * then sleep" atomic against every waker, who must take the lock too.
 */
#include "futex.h"
#include "kernel/kernel.h"
#include "sched.h"
#include "kernel/mm/uaccess.h"
#include "kernel/uapi.h"


static struct thread *waiters;

static void unlink_waiter(struct thread *t)
{
	for (struct thread **p = &waiters; *p; p = &(*p)->wait_next)
		if (*p == t) {
			*p = t->wait_next;
			break;
		}
	t->futex_key = 0;
}

long futex_wait(uint64_t uaddr, uint32_t val, uint64_t deadline, uint32_t bitset)
{
	uint32_t now;
	if (copy_from_user(&now, (const void *)uaddr, sizeof(now)))
		return -EFAULT;
	if (now != val)
		return -EAGAIN;
	struct thread *t = current();
	t->futex_key = uaddr;
	t->futex_bitset = bitset;
	t->wait_next = waiters;
	waiters = t;
	enum wake_reason why = sched_block(deadline);
	if (t->futex_key)
		unlink_waiter(t);
	if (why == WAKE_SIGNAL) /* as Linux: an untimed wait restarts after a SA_RESTART handler */
		return deadline ? -EINTR : -ERESTARTSYS;
	return why == WAKE_EVENT ? 0 : -ETIMEDOUT;
}

long futex_wake(uint64_t uaddr, long n, uint32_t bitset)
{
	long woken = 0;
	struct thread **p = &waiters;
	while (*p && woken < n) {
		struct thread *t = *p;
		if (t->futex_key == uaddr && (t->futex_bitset & bitset)) {
			*p = t->wait_next;
			t->futex_key = 0;
			sched_wake(t, WAKE_EVENT);
			woken++;
		} else {
			p = &t->wait_next;
		}
	}
	return woken;
}

long futex_requeue(uint64_t uaddr, long n, uint64_t uaddr2, long moved)
{
	long done = futex_wake(uaddr, n, FUTEX_BITSET_ANY);
	for (struct thread *t = waiters; t && moved > 0; t = t->wait_next)
		if (t->futex_key == uaddr) {
			t->futex_key = uaddr2;
			moved--;
			done++;
		}
	return done;
}

/* A dead owner's robust futex: mark it and wake one waiter. */
static void owner_died(struct thread *t, uint64_t word)
{
	uint32_t v;
	if (word & 3 || copy_from_user(&v, (const void *)word, sizeof(v)) || (v & FUTEX_TID_MASK) != (uint32_t)t->tid)
		return;
	uint32_t nv = (v & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	__atomic_compare_exchange_n((uint32_t *)word, &v, nv, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	if (v & FUTEX_WAITERS)
		futex_wake(word, 1, FUTEX_BITSET_ANY);
}

void futex_exit_robust(struct thread *t)
{
	struct {
		uint64_t next;
		int64_t offset;
		uint64_t pending;
	} head;
	if (!t->robust_list || copy_from_user(&head, (const void *)t->robust_list, sizeof(head)))
		return;
	uint64_t entry = head.next;
	for (int i = 0; entry != t->robust_list && i < ROBUST_LIST_LIMIT; i++) {
		uint64_t next;
		if (copy_from_user(&next, (const void *)entry, sizeof(next)))
			break;
		if (entry != head.pending)
			owner_died(t, entry + (uint64_t)head.offset);
		entry = next;
	}
	if (head.pending)
		owner_died(t, head.pending + (uint64_t)head.offset);
}
