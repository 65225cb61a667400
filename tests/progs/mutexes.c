/*
 * Robust and priority-inheritance mutexes: a robust mutex whose owner thread
 * ends comes back EOWNERDEAD (robust list walked at thread exit); PI mutexes
 * (FUTEX_LOCK_PI, TRYLOCK_PI, UNLOCK_PI) under contention, with trylock,
 * relock and timeout errors. Prints only what Linux prints the same every run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* The futex(2) operations and word bits (musl's headers lack <linux/futex.h>). */
#define FUTEX_LOCK_PI 6
#define FUTEX_UNLOCK_PI 7
#define FUTEX_TRYLOCK_PI 8
#define FUTEX_OWNER_DIED 0x40000000U
#define FUTEX_TID_MASK 0x3fffffffU

#define THREADS 4
#define ROUNDS 2000

static const char *err_name(int e)
{
	switch (e) {
	case 0: return "0";
	case EOWNERDEAD: return "EOWNERDEAD";
	case ENOTRECOVERABLE: return "ENOTRECOVERABLE";
	case EBUSY: return "EBUSY";
	case EDEADLK: return "EDEADLK";
	case ETIMEDOUT: return "ETIMEDOUT";
	case EPERM: return "EPERM";
	case ESRCH: return "ESRCH";
	case EAGAIN: return "EAGAIN";
	default: return strerror(e);
	}
}

static void init_mutex(pthread_mutex_t *m, int type, int robust, int protocol)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, type);
	pthread_mutexattr_setrobust(&a, robust);
	int e = pthread_mutexattr_setprotocol(&a, protocol);
	if (e)
		printf("setprotocol: %s\n", err_name(e));
	pthread_mutex_init(m, &a);
	pthread_mutexattr_destroy(&a);
}

static pthread_mutex_t held;

/* Lock the mutex and end the thread holding it, by return or pthread_exit. */
static void *lock_and_die(void *how)
{
	printf("  thread lock: %s\n", err_name(pthread_mutex_lock(&held)));
	fflush(stdout);
	if (how)
		pthread_exit(0);
	return 0;
}

static void robust_case(const char *name, int protocol, void *how)
{
	printf("robust %s %s:\n", name, how ? "pthread_exit" : "return");
	init_mutex(&held, PTHREAD_MUTEX_NORMAL, PTHREAD_MUTEX_ROBUST, protocol);
	pthread_t t;
	pthread_create(&t, 0, lock_and_die, how);
	pthread_join(t, 0);
	printf("  lock: %s\n", err_name(pthread_mutex_lock(&held)));
	printf("  consistent: %s\n", err_name(pthread_mutex_consistent(&held)));
	printf("  unlock: %s\n", err_name(pthread_mutex_unlock(&held)));
	printf("  lock again: %s\n", err_name(pthread_mutex_lock(&held)));
	printf("  unlock: %s\n", err_name(pthread_mutex_unlock(&held)));
	pthread_mutex_destroy(&held);
}

/* Hold the mutex a while, so the waiter blocks in the kernel, then end holding it. */
static void *lock_wait_die(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&held);
	usleep(100 * 1000);
	return 0;
}

static void *waiter(void *arg)
{
	(void)arg;
	int e = pthread_mutex_lock(&held);
	if (e == EOWNERDEAD)
		pthread_mutex_consistent(&held);
	pthread_mutex_unlock(&held);
	return (void *)(long)e;
}

/* The owner ends while another thread waits: the waiter is woken with EOWNERDEAD. */
static void robust_waiting(const char *name, int protocol)
{
	printf("robust %s with a waiter:\n", name);
	init_mutex(&held, PTHREAD_MUTEX_NORMAL, PTHREAD_MUTEX_ROBUST, protocol);
	pthread_t owner, w;
	void *ret;
	pthread_create(&owner, 0, lock_wait_die, 0);
	usleep(20 * 1000);
	pthread_create(&w, 0, waiter, 0);
	pthread_join(owner, 0);
	pthread_join(w, &ret);
	printf("  waiter lock: %s\n", err_name((int)(long)ret));
	printf("  lock: %s\n", err_name(pthread_mutex_lock(&held)));
	printf("  unlock: %s\n", err_name(pthread_mutex_unlock(&held)));
	pthread_mutex_destroy(&held);
}

/* A robust mutex left inconsistent: unlocked without consistent, it is unusable. */
static void robust_unrecoverable(void)
{
	printf("robust unrecoverable:\n");
	init_mutex(&held, PTHREAD_MUTEX_NORMAL, PTHREAD_MUTEX_ROBUST, PTHREAD_PRIO_NONE);
	pthread_t t;
	pthread_create(&t, 0, lock_and_die, 0);
	pthread_join(t, 0);
	printf("  lock: %s\n", err_name(pthread_mutex_lock(&held)));
	printf("  unlock: %s\n", err_name(pthread_mutex_unlock(&held)));
	printf("  lock: %s\n", err_name(pthread_mutex_lock(&held)));
}

static pthread_mutex_t pi;
static long counter;

static void *contend(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		if (pthread_mutex_lock(&pi))
			return (void *)1;
		long c = counter;
		if (i % 64 == 0)
			sched_yield(); /* hold it while others queue up in the kernel */
		counter = c + 1;
		pthread_mutex_unlock(&pi);
	}
	return 0;
}

static void *try_other(void *m)
{
	return (void *)(long)pthread_mutex_trylock(m);
}

static void *timed_other(void *m)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 50 * 1000 * 1000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	return (void *)(long)pthread_mutex_timedlock(m, &ts);
}

static int in_thread(void *(*fn)(void *), void *arg)
{
	pthread_t t;
	void *ret;
	pthread_create(&t, 0, fn, arg);
	pthread_join(t, &ret);
	return (int)(long)ret;
}

static void pi_cases(void)
{
	printf("pi contended:\n");
	init_mutex(&pi, PTHREAD_MUTEX_NORMAL, PTHREAD_MUTEX_STALLED, PTHREAD_PRIO_INHERIT);
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], 0, contend, 0);
	int failed = 0;
	for (int i = 0; i < THREADS; i++) {
		void *ret;
		pthread_join(t[i], &ret);
		failed += ret != 0;
	}
	printf("  counter %ld of %d, %d failed\n", counter, THREADS * ROUNDS, failed);

	pthread_mutex_t ec;
	init_mutex(&ec, PTHREAD_MUTEX_ERRORCHECK, PTHREAD_MUTEX_STALLED, PTHREAD_PRIO_INHERIT);
	printf("pi errorcheck:\n");
	printf("  lock: %s\n", err_name(pthread_mutex_lock(&ec)));
	printf("  relock: %s\n", err_name(pthread_mutex_lock(&ec)));
	printf("  trylock in another thread: %s\n", err_name(in_thread(try_other, &ec)));
	printf("  timedlock in another thread: %s\n", err_name(in_thread(timed_other, &ec)));
	printf("  unlock: %s\n", err_name(pthread_mutex_unlock(&ec)));
	printf("  unlock again: %s\n", err_name(pthread_mutex_unlock(&ec)));
	printf("  trylock: %s\n", err_name(pthread_mutex_trylock(&ec)));
	printf("  trylock again: %s\n", err_name(pthread_mutex_trylock(&ec)));
	printf("  unlock: %s\n", err_name(pthread_mutex_unlock(&ec)));
}

static long futex(uint32_t *w, int op)
{
	return syscall(SYS_futex, w, op, 0, 0, 0, 0) ? errno : 0;
}

/* The futex word protocol through the raw calls. */
static void pi_raw(void)
{
	uint32_t w = 0, me = (uint32_t)syscall(SYS_gettid);
	printf("pi raw:\n");
	long e = futex(&w, FUTEX_TRYLOCK_PI);
	printf("  trylock free: %s, word is mine %d\n", err_name(e), w == me);
	printf("  lock own: %s\n", err_name(futex(&w, FUTEX_LOCK_PI)));
	printf("  trylock own: %s\n", err_name(futex(&w, FUTEX_TRYLOCK_PI)));
	e = futex(&w, FUTEX_UNLOCK_PI);
	printf("  unlock: %s, word %#x\n", err_name(e), w);
	printf("  unlock free: %s\n", err_name(futex(&w, FUTEX_UNLOCK_PI)));
	w = FUTEX_OWNER_DIED;
	e = futex(&w, FUTEX_LOCK_PI);
	printf("  lock owner died: %s, word is mine %d, bits %#x\n", err_name(e), (w & FUTEX_TID_MASK) == me,
	       w & ~FUTEX_TID_MASK);
	e = futex(&w, FUTEX_UNLOCK_PI);
	printf("  unlock: %s, word %#x\n", err_name(e), w);
	w = 0x3ffffffe; /* above any possible TID */
	printf("  lock, no such owner: %s\n", err_name(futex(&w, FUTEX_LOCK_PI)));
	printf("  trylock, no such owner: %s\n", err_name(futex(&w, FUTEX_TRYLOCK_PI)));
	printf("  unlock, not mine: %s\n", err_name(futex(&w, FUTEX_UNLOCK_PI)));
}

static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static void *lock_through_signal(void *arg)
{
	(void)arg;
	int e = pthread_mutex_lock(&pi);
	pthread_mutex_unlock(&pi);
	return (void *)(long)e;
}

/* A handler without SA_RESTART runs while a thread waits in FUTEX_LOCK_PI: the wait goes on. */
static void pi_signal(void)
{
	printf("pi signal while waiting:\n");
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigaction(SIGUSR1, &sa, 0);
	pthread_mutex_lock(&pi);
	pthread_t t;
	void *ret;
	pthread_create(&t, 0, lock_through_signal, 0);
	usleep(50 * 1000);
	pthread_kill(t, SIGUSR1);
	usleep(50 * 1000);
	pthread_mutex_unlock(&pi);
	pthread_join(t, &ret);
	printf("  handler ran %d, lock: %s\n", (int)handled, err_name((int)(long)ret));
}

int main(void)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	robust_case("normal", PTHREAD_PRIO_NONE, 0);
	robust_case("normal", PTHREAD_PRIO_NONE, (void *)1);
	robust_case("pi", PTHREAD_PRIO_INHERIT, 0);
	robust_case("pi", PTHREAD_PRIO_INHERIT, (void *)1);
	robust_waiting("normal", PTHREAD_PRIO_NONE);
	robust_waiting("pi", PTHREAD_PRIO_INHERIT);
	robust_unrecoverable();
	pi_cases();
	pi_raw();
	pi_signal();
	return 0;
}
