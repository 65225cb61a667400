/*
 * Futexes. A futex is its address in the caller's address space, or its
 * frame where the memory is MAP_SHARED (two processes may share it: a
 * process-shared semaphore). Waiters sit on one list; the kernel lock makes
 * "check the word, then sleep" atomic against every waker, who must take the
 * lock too.
 * PI futexes keep the owner's TID in the word; the scheduler has no
 * priorities, so there is nothing to inherit: only the word protocol. A
 * requeue-PI waiter sleeps on a plain futex until FUTEX_CMP_REQUEUE_PI takes
 * the PI futex for it or moves it there, a PI waiter like the others.
 */
#include "futex.h"
#include "kernel/proc/proc.h"
#include "kernel/kernel.h"
#include "sched.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/vm.h"
#include "kernel/uapi.h"


static struct thread *waiters;

/* PI waiters have an empty bitset, which no plain wake matches. */
#define PI_BITSET 0U

struct key {
	const void *space; /* the address space at is in; 0: at is physical */
	uint64_t at;
};

/*
 * A futex word's key: its address in the caller's address space, or its frame
 * in MAP_SHARED memory unless the call said FUTEX_PRIVATE_FLAG (as Linux, which
 * then looks nothing up: libc's own locks are private).
 */
static struct key key_of(uint64_t uaddr, bool private)
{
	uint64_t pa = private ? 0 : vm_shared_frame(uaddr);
	return pa ? (struct key){ 0, pa } : (struct key){ current()->proc->mm, uaddr };
}

/* PI futexes are always known by address: their word is read and written through it. */
static struct key pi_key(uint64_t uaddr)
{
	return (struct key){ current()->proc->mm, uaddr };
}

static bool waits_on(const struct thread *t, struct key k)
{
	return t->futex_key == k.at && t->futex_space == k.space;
}

static void unlink_waiter(struct thread *t)
{
	for (struct thread **p = &waiters; *p; p = &(*p)->wait_next)
		if (*p == t) {
			*p = t->wait_next;
			break;
		}
	t->futex_key = 0;
}

/* Sleep on key until woken, a signal or deadline; off the waiter list again on return. */
static enum wake_reason wait_on(struct key key, uint32_t bitset, uint64_t deadline)
{
	struct thread *t = current();
	t->futex_key = key.at;
	t->futex_space = key.space;
	t->futex_bitset = bitset;
	t->wait_next = waiters;
	waiters = t;
	enum wake_reason why = sched_block_interruptible(deadline);
	if (t->futex_key)
		unlink_waiter(t);
	return why;
}

long futex_wait(uint64_t uaddr, bool private, uint32_t val, uint64_t deadline, uint32_t bitset)
{
	uint32_t now;
	if (copy_from_user(&now, (const void *)uaddr, sizeof(now)))
		return -EFAULT;
	if (now != val)
		return -EAGAIN;
	enum wake_reason why = wait_on(key_of(uaddr, private), bitset, deadline);
	if (why == WAKE_SIGNAL) /* as Linux: an untimed wait restarts after a SA_RESTART handler */
		return deadline ? -EINTR : -ERESTARTSYS;
	return why == WAKE_EVENT ? 0 : -ETIMEDOUT;
}

/* As Linux, plain wakes and requeues refuse a futex whose waiters wait to be moved to a PI one. */
static bool has_pi_target_waiter(struct key k)
{
	for (struct thread *t = waiters; t; t = t->wait_next)
		if (waits_on(t, k) && t->futex_pi_target)
			return true;
	return false;
}

long futex_wake(uint64_t uaddr, bool private, long n, uint32_t bitset)
{
	struct key k = key_of(uaddr, private);
	long woken = 0;
	if (has_pi_target_waiter(k))
		return -EINVAL;
	struct thread **p = &waiters;
	while (*p && woken < n) {
		struct thread *t = *p;
		if (waits_on(t, k) && (t->futex_bitset & bitset)) {
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

long futex_requeue(uint64_t uaddr, bool private, long n, uint64_t uaddr2, long moved)
{
	long done = futex_wake(uaddr, private, n, FUTEX_BITSET_ANY);
	if (done < 0)
		return done;
	struct key from = key_of(uaddr, private), to = key_of(uaddr2, private);
	for (struct thread *t = waiters; t && moved > 0; t = t->wait_next)
		if (waits_on(t, from)) {
			t->futex_key = to.at;
			t->futex_space = to.space;
			moved--;
			done++;
		}
	return done;
}

/* The longest waiter on k with an empty bitset bound for PI futex pi_target (0: on k itself), 0 if none. */
static struct thread *oldest(struct key k, uint64_t pi_target)
{
	struct thread *found = 0;
	for (struct thread *t = waiters; t; t = t->wait_next)
		if (waits_on(t, k) && t->futex_bitset == PI_BITSET && t->futex_pi_target == pi_target)
			found = t; /* the list is newest first */
	return found;
}

/* The longest-waiting PI waiter on uaddr, 0 if none. */
static struct thread *pi_oldest(uint64_t uaddr)
{
	return oldest(pi_key(uaddr), 0);
}

static bool word_cas(uint32_t *w, uint32_t *old, uint32_t nv)
{
	return __atomic_compare_exchange_n(w, old, nv, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

long futex_lock_pi(uint64_t uaddr, uint64_t deadline, bool try)
{
	if (!vm_check(uaddr, 4, PAGE_WRITE))
		return -EFAULT;
	uint32_t *w = (uint32_t *)uaddr;
	struct thread *t = current();
	uint32_t me = (uint32_t)t->tid;
	for (;;) {
		uint32_t v = __atomic_load_n(w, __ATOMIC_SEQ_CST), owner = v & FUTEX_TID_MASK;
		if (owner == me)
			return -EDEADLK;
		/* Free (its owner perhaps dead): take it, keeping OWNER_DIED for libc to report. */
		if (!owner) {
			uint32_t nv = me | (v & FUTEX_OWNER_DIED) | (pi_oldest(uaddr) ? FUTEX_WAITERS : 0);
			if (word_cas(w, &v, nv))
				return 0;
			continue;
		}
		if (!thread_find((int)owner))
			return -ESRCH;
		if (try)
			return -EAGAIN;
		if (!(v & FUTEX_WAITERS) && !word_cas(w, &v, v | FUTEX_WAITERS))
			continue;
		enum wake_reason why = wait_on(pi_key(uaddr), PI_BITSET, deadline);
		/* The unlocker handed us the word, whatever else woke us. */
		if ((__atomic_load_n(w, __ATOMIC_SEQ_CST) & FUTEX_TID_MASK) == me)
			return 0;
		if (why == WAKE_SIGNAL) /* as Linux: a PI lock never fails with EINTR */
			return -ERESTARTNOINTR;
		if (why != WAKE_EVENT)
			return -ETIMEDOUT;
	}
}

long futex_unlock_pi(uint64_t uaddr)
{
	if (!vm_check(uaddr, 4, PAGE_WRITE))
		return -EFAULT;
	uint32_t *w = (uint32_t *)uaddr, v = __atomic_load_n(w, __ATOMIC_SEQ_CST);
	for (;;) {
		if ((v & FUTEX_TID_MASK) != (uint32_t)current()->tid)
			return -EPERM;
		struct thread *next = pi_oldest(uaddr);
		/* As Linux, the new owner's word always says "waiters": its unlock comes here. */
		uint32_t nv = next ? (uint32_t)next->tid | FUTEX_WAITERS : 0;
		if (!word_cas(w, &v, nv))
			continue;
		if (next) {
			unlink_waiter(next);
			sched_wake(next, WAKE_EVENT);
		}
		return 0;
	}
}

/* What both requeue-PI calls check first: two words, the PI one writable, the plain one still val. */
static long requeue_pi_check(uint64_t uaddr, uint32_t val, uint64_t uaddr2)
{
	uint32_t now;
	if (uaddr == uaddr2)
		return -EINVAL;
	if (!vm_check(uaddr2, 4, PAGE_WRITE) || copy_from_user(&now, (const void *)uaddr, sizeof(now)))
		return -EFAULT;
	return now == val ? 0 : -EAGAIN;
}

long futex_wait_requeue_pi(uint64_t uaddr, bool private, uint32_t val, uint64_t deadline, uint64_t uaddr2)
{
	long err = requeue_pi_check(uaddr, val, uaddr2);
	if (err)
		return err;
	struct thread *t = current();
	t->futex_pi_target = uaddr2;
	enum wake_reason why = wait_on(key_of(uaddr, private), PI_BITSET, deadline);
	bool moved = !t->futex_pi_target;
	t->futex_pi_target = 0;
	if ((__atomic_load_n((uint32_t *)uaddr2, __ATOMIC_SEQ_CST) & FUTEX_TID_MASK) == (uint32_t)t->tid)
		return 0;
	if (why == WAKE_TIMEOUT)
		return -ETIMEDOUT;
	/* As Linux: a signal before the move restarts the wait; after it, the caller must lock again. */
	return why == WAKE_SIGNAL && !moved ? -ERESTARTNOINTR : -EAGAIN;
}

long futex_cmp_requeue_pi(uint64_t uaddr, bool private, uint32_t val, uint64_t uaddr2, long moved)
{
	long err = requeue_pi_check(uaddr, val, uaddr2);
	if (err)
		return err;
	struct key from = key_of(uaddr, private);
	for (struct thread *t = waiters; t; t = t->wait_next)
		if (waits_on(t, from) && t->futex_pi_target != uaddr2)
			return -EINVAL;
	uint32_t *w = (uint32_t *)uaddr2;
	long done = 0;
	/* One waiter to wake, as many more as moved to requeue: Linux counts them together. */
	for (struct thread *t; done <= moved && (t = oldest(from, uaddr2));) {
		uint32_t v = __atomic_load_n(w, __ATOMIC_SEQ_CST), owner = v & FUTEX_TID_MASK;
		if (!owner) {
			/* Free: the waiter wakes owning it, the word saying "waiters" as FUTEX_UNLOCK_PI's does. */
			if (!word_cas(w, &v, (uint32_t)t->tid | FUTEX_WAITERS | (v & FUTEX_OWNER_DIED)))
				continue;
			unlink_waiter(t);
			t->futex_pi_target = 0;
			sched_wake(t, WAKE_EVENT);
		} else {
			if (!thread_find((int)owner))
				return done ? done : -ESRCH;
			if (!(v & FUTEX_WAITERS) && !word_cas(w, &v, v | FUTEX_WAITERS))
				continue;
			struct key to = pi_key(uaddr2);
			t->futex_key = to.at;
			t->futex_space = to.space;
			t->futex_pi_target = 0;
		}
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
	if (v & FUTEX_WAITERS) /* PI waiters get it from pi_exit_handoff */
		futex_wake(word, false, 1, FUTEX_BITSET_ANY);
}

/*
 * As Linux, a PI futex the dead thread still owns (its TID in the word, or 0
 * if libc already marked it) goes to its longest waiter, OWNER_DIED kept.
 */
static void pi_exit_handoff(struct thread *dead)
{
	struct thread *t = waiters;
	while (t) {
		uint64_t key = t->futex_key;
		uint32_t *w = (uint32_t *)key, v = 0;
		struct thread *next = t->futex_bitset == PI_BITSET && waits_on(t, pi_key(key)) ? pi_oldest(key) : 0;
		if (next && vm_check(key, 4, PAGE_WRITE))
			v = __atomic_load_n(w, __ATOMIC_SEQ_CST);
		uint32_t owner = v & FUTEX_TID_MASK;
		if (!v || (owner && owner != (uint32_t)dead->tid) ||
		    !word_cas(w, &v, (uint32_t)next->tid | FUTEX_WAITERS | (v & FUTEX_OWNER_DIED))) {
			t = t->wait_next;
			continue;
		}
		unlink_waiter(next);
		sched_wake(next, WAKE_EVENT);
		t = waiters; /* the list changed: start over */
	}
}

void futex_exit_robust(struct thread *t)
{
	struct {
		uint64_t next;
		int64_t offset;
		uint64_t pending;
	} head;
	if (!t->robust_list || copy_from_user(&head, (const void *)t->robust_list, sizeof(head))) {
		pi_exit_handoff(t);
		return;
	}
	/* Bit 0 of an entry only says the futex is a PI one. */
	uint64_t entry = head.next & ~1ULL, pending = head.pending & ~1ULL;
	for (int i = 0; entry != t->robust_list && i < ROBUST_LIST_LIMIT; i++) {
		uint64_t next;
		if (copy_from_user(&next, (const void *)entry, sizeof(next)))
			break;
		if (entry != pending)
			owner_died(t, entry + (uint64_t)head.offset);
		entry = next & ~1ULL;
	}
	if (pending)
		owner_died(t, pending + (uint64_t)head.offset);
	pi_exit_handoff(t);
}
