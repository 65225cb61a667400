/*
 * futex(2): WAIT, WAKE, REQUEUE, CMP_REQUEUE, WAKE_OP, the BITSET forms, the
 * PI locks, and the requeues to PI futexes (WAIT_REQUEUE_PI, CMP_REQUEUE_PI:
 * condition variables over PI mutexes, as librtpi and glibc before 2.25 build them).
 */
#include "kernel/sched/futex.h"
#include "kernel/time/time.h"
#include "kernel/mm/vm.h"
#include "sys.h"

#define INT_MAX_ 0x7fffffff

/* The deadline of a wait: relative for WAIT, absolute for the others. 0 none, or -errno. */
static long wait_deadline(int op, int clock, const struct timespec *uts, uint64_t *deadline)
{
	struct ktimespec ts;
	*deadline = 0;
	if (!uts)
		return 0;
	long err = timespec_from_user(&ts, uts);
	if (err)
		return err;
	if (op == FUTEX_WAIT) {
		timespec_from_now(&ts);
		clock = CLOCK_MONOTONIC;
	}
	*deadline = clock_deadline(clock, &ts);
	/* Already past: the wait times out at once, as soon as it would sleep. */
	if (!*deadline)
		*deadline = 1;
	return 0;
}

/* WAKE_OP's operation on the word at uaddr2, done atomically; the old value's test result. */
static long wake_op_apply(uint64_t uaddr2, uint32_t encoded, bool *cond)
{
	uint32_t op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
	uint32_t oparg = (encoded >> 12) & 0xfff, cmparg = encoded & 0xfff;
	if (encoded & (8U << 28))
		oparg = oparg < 32 ? 1U << oparg : 0;
	if (op > 4 || cmp > 5)
		return -ENOSYS;
	if (!vm_check(uaddr2, 4, PAGE_WRITE))
		return -EFAULT;
	uint32_t *w = (uint32_t *)uaddr2, old = __atomic_load_n(w, __ATOMIC_SEQ_CST), nv;
	do {
		switch (op) {
		case 0: nv = oparg; break;
		case 1: nv = old + oparg; break;
		case 2: nv = old | oparg; break;
		case 3: nv = old & ~oparg; break;
		default: nv = old ^ oparg; break;
		}
	} while (!__atomic_compare_exchange_n(w, &old, nv, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
	int32_t o = (int32_t)old, a = (int32_t)((int32_t)(cmparg << 20) >> 20);
	switch (cmp) {
	case 0: *cond = o == a; break;
	case 1: *cond = o != a; break;
	case 2: *cond = o < a; break;
	case 3: *cond = o <= a; break;
	case 4: *cond = o > a; break;
	default: *cond = o >= a; break;
	}
	return 0;
}

SYSCALL_DEFINE6(futex, uint32_t *, uaddr, int, futex_op, uint32_t, val, const struct timespec *, timeout,
		uint32_t *, uaddr2, uint32_t, val3)
{
	uint64_t addr = (uint64_t)uaddr, addr2 = (uint64_t)uaddr2;
	int op = futex_op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	bool private = (futex_op & FUTEX_PRIVATE_FLAG) != 0;
	bool realtime = (futex_op & FUTEX_CLOCK_REALTIME) != 0;
	/* The requeues take the timeout's register as a count, val2. */
	uint32_t val2 = (uint32_t)(uint64_t)timeout;
	long n = (int32_t)val < 0 ? INT_MAX_ : (long)val;
	long n2 = (long)val2 > INT_MAX_ ? INT_MAX_ : (long)val2;
	uint64_t deadline;
	long err;

	if (realtime && op != FUTEX_WAIT && op != FUTEX_WAIT_BITSET && op != FUTEX_LOCK_PI2 &&
	    op != FUTEX_WAIT_REQUEUE_PI)
		return -ENOSYS;
	if (addr & 3)
		return -EINVAL;
	switch (op) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		if (op == FUTEX_WAIT_BITSET && !val3)
			return -EINVAL;
		err = wait_deadline(op, realtime ? CLOCK_REALTIME : CLOCK_MONOTONIC, timeout, &deadline);
		if (err)
			return err;
		return futex_wait(addr, private, val, deadline, op == FUTEX_WAIT ? FUTEX_BITSET_ANY : val3);
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
		if (op == FUTEX_WAKE_BITSET && !val3)
			return -EINVAL;
		return futex_wake(addr, private, n, op == FUTEX_WAKE ? FUTEX_BITSET_ANY : val3);
	case FUTEX_CMP_REQUEUE: {
		uint32_t now;
		if (copy_from_user(&now, uaddr, sizeof(now)))
			return -EFAULT;
		if (now != val3)
			return -EAGAIN;
	}
		/* fall through */
	case FUTEX_REQUEUE:
		if (addr2 & 3)
			return -EINVAL;
		return futex_requeue(addr, private, n, addr2, n2);
	case FUTEX_WAKE_OP: {
		bool cond;
		if (addr2 & 3)
			return -EINVAL;
		err = wake_op_apply(addr2, val3, &cond);
		if (err)
			return err;
		long woken = futex_wake(addr, private, n, FUTEX_BITSET_ANY);
		long woken2 = cond && woken >= 0 ? futex_wake(addr2, private, n2, FUTEX_BITSET_ANY) : 0;
		return woken < 0 ? woken : woken2 < 0 ? woken2 : woken + woken2;
	}
	case FUTEX_WAIT_REQUEUE_PI:
		if (addr2 & 3)
			return -EINVAL;
		err = wait_deadline(op, realtime ? CLOCK_REALTIME : CLOCK_MONOTONIC, timeout, &deadline);
		if (err)
			return err;
		return futex_wait_requeue_pi(addr, private, val, deadline, addr2);
	case FUTEX_CMP_REQUEUE_PI:
		/* As Linux: exactly one to wake, and a count that is negative as an int is refused. */
		if ((addr2 & 3) || val != 1 || (int32_t)val2 < 0)
			return -EINVAL;
		return futex_cmp_requeue_pi(addr, private, val3, addr2, (long)val2);
	case FUTEX_LOCK_PI:
	case FUTEX_LOCK_PI2:
		/* LOCK_PI's timeout is on CLOCK_REALTIME; LOCK_PI2's on the clock asked for. */
		err = wait_deadline(op, op == FUTEX_LOCK_PI || realtime ? CLOCK_REALTIME : CLOCK_MONOTONIC, timeout,
				    &deadline);
		if (err)
			return err;
		return futex_lock_pi(addr, deadline, false);
	case FUTEX_TRYLOCK_PI:
		return futex_lock_pi(addr, 0, true);
	case FUTEX_UNLOCK_PI:
		return futex_unlock_pi(addr);
	default:
		return -ENOSYS;
	}
}
