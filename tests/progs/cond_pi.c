/*
 * Condition variables over priority-inheritance mutexes. First pthread's, on
 * a PTHREAD_PRIO_INHERIT mutex, across threads taking turns; then one built
 * on FUTEX_WAIT_REQUEUE_PI and FUTEX_CMP_REQUEUE_PI, as PI condition variable
 * libraries (librtpi) and glibc before 2.25 build them: a waiter sleeps on the
 * condition's word and is moved onto the mutex's PI word, waking as its owner.
 * Their errors, and each way a waiter wakes (the lock free, held, a timeout).
 * Prints only what Linux prints the same every run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* The futex(2) operations and word bits (musl's headers lack <linux/futex.h>). */
#define FUTEX_WAKE 1
#define FUTEX_LOCK_PI 6
#define FUTEX_UNLOCK_PI 7
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_CMP_REQUEUE_PI 12
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_WAITERS 0x80000000U
#define FUTEX_TID_MASK 0x3fffffffU

#define THREADS 4
#define ROUNDS 500
#define POLLS 5000 /* 1 ms each: how long a waiter may take to go to sleep */

static long futex(uint32_t *w, int op, uint32_t val, const void *timeout_or_val2, uint32_t *w2, uint32_t val3)
{
	return syscall(SYS_futex, w, op | FUTEX_PRIVATE_FLAG, val, timeout_or_val2, w2, val3);
}

static const char *result(long r)
{
	static char buf[32];
	if (r >= 0) {
		snprintf(buf, sizeof(buf), "%ld", r);
		return buf;
	}
	switch (errno) {
	case EINVAL: return "EINVAL";
	case EAGAIN: return "EAGAIN";
	case ETIMEDOUT: return "ETIMEDOUT";
	case ENOSYS: return "ENOSYS";
	default: return strerror(errno);
	}
}

static void nap(void)
{
	nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
}

/* pthread's condition variable, the mutex PTHREAD_PRIO_INHERIT: THREADS threads take turns. */
static pthread_mutex_t pm;
static pthread_cond_t pc = PTHREAD_COND_INITIALIZER;
static int pturn, pcount;

static void *pthread_turns(void *arg)
{
	int me = (int)(intptr_t)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&pm);
		while (pturn != me)
			pthread_cond_wait(&pc, &pm);
		pcount++;
		pturn = (pturn + 1) % THREADS;
		pthread_cond_broadcast(&pc);
		pthread_mutex_unlock(&pm);
	}
	return NULL;
}

static void pthread_cond_pi(void)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	int e = pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT);
	pthread_mutex_init(&pm, &a);
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, pthread_turns, (void *)(intptr_t)i);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	printf("pthread_cond_wait on a PI mutex: setprotocol %d, %d turns of %d\n", e, pcount, THREADS * ROUNDS);
}

/* The PI mutex: the owner's TID in the word, the kernel asked only when contended. */
static uint32_t mutex_word, cond_word;

static uint32_t tid(void)
{
	return (uint32_t)syscall(SYS_gettid);
}

static void pi_lock(uint32_t *w)
{
	uint32_t zero = 0;
	if (!__atomic_compare_exchange_n(w, &zero, tid(), false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		while (futex(w, FUTEX_LOCK_PI, 0, NULL, NULL, 0))
			;
}

static void pi_unlock(uint32_t *w)
{
	uint32_t me = tid();
	if (!__atomic_compare_exchange_n(w, &me, 0, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		futex(w, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0);
}

static int owns(const uint32_t *w)
{
	return (__atomic_load_n(w, __ATOMIC_SEQ_CST) & FUTEX_TID_MASK) == tid();
}

static int not_owner_after_requeue; /* a waiter the kernel said owned the mutex, but did not */

/* Wait on the condition with the mutex held; hold it again on return. */
static void cond_wait(void)
{
	uint32_t seq = __atomic_load_n(&cond_word, __ATOMIC_SEQ_CST);
	pi_unlock(&mutex_word);
	if (futex(&cond_word, FUTEX_WAIT_REQUEUE_PI, seq, NULL, &mutex_word, 0) == 0) {
		if (!owns(&mutex_word))
			__atomic_add_fetch(&not_owner_after_requeue, 1, __ATOMIC_SEQ_CST);
		return;
	}
	pi_lock(&mutex_word); /* EAGAIN: the condition changed before we slept */
}

/* Wake one waiter onto the mutex and move every other one there. */
static long cond_broadcast(void)
{
	uint32_t seq = __atomic_add_fetch(&cond_word, 1, __ATOMIC_SEQ_CST);
	return futex(&cond_word, FUTEX_CMP_REQUEUE_PI, 1, (void *)(uintptr_t)INT_MAX, &mutex_word, seq);
}

static int turn, count, requeue_errors;

static void *requeue_turns(void *arg)
{
	int me = (int)(intptr_t)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pi_lock(&mutex_word);
		while (turn != me)
			cond_wait();
		count++;
		turn = (turn + 1) % THREADS;
		if (cond_broadcast() < 0)
			requeue_errors++;
		pi_unlock(&mutex_word);
	}
	return NULL;
}

static void requeue_pi_turns(void)
{
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, requeue_turns, (void *)(intptr_t)i);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	printf("requeue-PI condition: %d turns of %d, %d requeue errors, %d waiters woken without the mutex\n", count,
	       THREADS * ROUNDS, requeue_errors, not_owner_after_requeue);
}

/* One waiter on cond_word, to be requeued onto mutex_word; its result and whether it owned the mutex. */
struct waiter {
	pthread_t thread;
	long ret;
	int err, owned;
};

static void *wait_requeue(void *arg)
{
	struct waiter *w = arg;
	w->ret = futex(&cond_word, FUTEX_WAIT_REQUEUE_PI, 0, NULL, &mutex_word, 0);
	w->err = errno;
	w->owned = owns(&mutex_word);
	if (w->ret == 0)
		pi_unlock(&mutex_word);
	return NULL;
}

/* CMP_REQUEUE_PI until it finds want waiters asleep on cond_word (they may not be yet). */
static long requeue_when_asleep(long want)
{
	long r = 0;
	for (int i = 0; i < POLLS; i++) {
		r = futex(&cond_word, FUTEX_CMP_REQUEUE_PI, 1, (void *)(uintptr_t)INT_MAX, &mutex_word, 0);
		if (r != 0)
			break;
		nap();
	}
	if (r != want)
		printf("  requeue expected %ld waiters: %s\n", want, result(r));
	return r;
}

static void report(const char *what, struct waiter *w)
{
	pthread_join(w->thread, NULL);
	errno = w->err;
	printf("  %s: waiter returned %s, %s the mutex\n", what, result(w->ret), w->owned ? "owning" : "not owning");
}

static void requeue_cases(void)
{
	uint32_t other = 0;
	struct timespec past;
	cond_word = 0;
	mutex_word = 0;
	puts("requeue-PI cases:");
	printf("  wait, same word twice: %s\n", result(futex(&cond_word, FUTEX_WAIT_REQUEUE_PI, 0, NULL, &cond_word, 0)));
	printf("  wait, word changed: %s\n", result(futex(&cond_word, FUTEX_WAIT_REQUEUE_PI, 1, NULL, &mutex_word, 0)));
	clock_gettime(CLOCK_MONOTONIC, &past);
	printf("  wait, deadline passed: %s\n",
	       result(futex(&cond_word, FUTEX_WAIT_REQUEUE_PI, 0, &past, &mutex_word, 0)));
	printf("  requeue, two to wake: %s\n",
	       result(futex(&cond_word, FUTEX_CMP_REQUEUE_PI, 2, (void *)1, &mutex_word, 0)));
	printf("  requeue, word changed: %s\n",
	       result(futex(&cond_word, FUTEX_CMP_REQUEUE_PI, 1, (void *)1, &mutex_word, 1)));
	printf("  requeue, same word twice: %s\n",
	       result(futex(&cond_word, FUTEX_CMP_REQUEUE_PI, 1, (void *)1, &cond_word, 0)));
	printf("  requeue, nobody waiting: %s\n",
	       result(futex(&cond_word, FUTEX_CMP_REQUEUE_PI, 1, (void *)1, &mutex_word, 0)));

	/* The mutex free: the kernel takes it for the waiter and wakes it. */
	struct waiter a = { 0 }, b = { 0 };
	pthread_create(&a.thread, NULL, wait_requeue, &a);
	printf("  mutex free: requeue returned %ld\n", requeue_when_asleep(1));
	report("mutex free", &a);

	/* A plain wake may not touch a waiter bound for a PI futex. */
	pthread_create(&a.thread, NULL, wait_requeue, &a);
	long r = 0;
	for (int i = 0; i < POLLS && r == 0; i++) {
		r = futex(&cond_word, FUTEX_WAKE, 1, NULL, NULL, 0);
		if (r == 0)
			nap();
	}
	printf("  FUTEX_WAKE of a requeue-PI waiter: %s\n", result(r));
	requeue_when_asleep(1);
	report("after the refused wake", &a);

	/* The mutex held: both waiters move onto it and get it in turn from FUTEX_UNLOCK_PI. */
	pi_lock(&mutex_word);
	pthread_create(&a.thread, NULL, wait_requeue, &a);
	pthread_create(&b.thread, NULL, wait_requeue, &b);
	long moved = 0;
	for (int i = 0; i < POLLS && moved < 2; i++) {
		r = futex(&cond_word, FUTEX_CMP_REQUEUE_PI, 1, (void *)(uintptr_t)INT_MAX, &mutex_word, 0);
		if (r < 0)
			break;
		moved += r;
		if (moved < 2)
			nap();
	}
	printf("  mutex held: %ld moved onto it, its word says waiters: %s\n", moved,
	       __atomic_load_n(&mutex_word, __ATOMIC_SEQ_CST) & FUTEX_WAITERS ? "yes" : "no");
	pi_unlock(&mutex_word);
	report("mutex held, first", &a);
	report("mutex held, second", &b);
	printf("  mutex free at the end: %s\n", __atomic_load_n(&mutex_word, __ATOMIC_SEQ_CST) ? "no" : "yes");

	/* A requeue onto a word other than the one the waiter named. */
	pthread_create(&a.thread, NULL, wait_requeue, &a);
	r = 0;
	for (int i = 0; i < POLLS && r == 0; i++) {
		r = futex(&cond_word, FUTEX_CMP_REQUEUE_PI, 1, (void *)1, &other, 0);
		if (r == 0)
			nap();
	}
	printf("  requeue onto another word: %s\n", result(r));
	requeue_when_asleep(1);
	report("after the refused requeue", &a);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	pthread_cond_pi();
	requeue_cases();
	cond_word = 0;
	mutex_word = 0;
	requeue_pi_turns();
	return 0;
}
