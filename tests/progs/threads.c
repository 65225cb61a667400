/*
 * pthreads as programs use them: mutex, condition variable, barrier, rwlock,
 * thread-local storage, join and detach, with 8 threads; a parallel sum; cancellation;
 * a signal to a thread spinning without a syscall (on another vCPU: its timer delivers it).
 * Prints only results that do not depend on timing.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <errno.h>
#include <stdint.h>

#define THREADS 8
#define ROUNDS 2000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static pthread_barrier_t barrier;
static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;
static long counter, shared_table[THREADS];
static int turn;
static _Thread_local long tls_value = 42;
static atomic_int detached_done;

static void *worker(void *arg)
{
	long id = (long)arg;
	tls_value = id * 100;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
		if (i % 500 == 0)
			sched_yield();
	}
	pthread_barrier_wait(&barrier);
	/* Take turns in id order through the condition variable. */
	pthread_mutex_lock(&lock);
	while (turn != id)
		pthread_cond_wait(&cond, &lock);
	turn++;
	pthread_cond_broadcast(&cond);
	pthread_mutex_unlock(&lock);
	pthread_rwlock_wrlock(&rwlock);
	shared_table[id] = id * id;
	pthread_rwlock_unlock(&rwlock);
	pthread_rwlock_rdlock(&rwlock);
	long seen = shared_table[id];
	pthread_rwlock_unlock(&rwlock);
	return (void *)(tls_value + seen);
}

static void *detached(void *arg)
{
	(void)arg;
	atomic_fetch_add(&detached_done, 1);
	return NULL;
}

static int pipefd[2], efd;

/* Posts to an eventfd five times, one at a time. */
static void *poster(void *arg)
{
	(void)arg;
	for (int i = 0; i < 5; i++) {
		uint64_t one = 1;
		if (write(efd, &one, sizeof(one)) != sizeof(one))
			return (void *)1;
		sched_yield();
	}
	return NULL;
}

/* Writes 200 KiB through a pipe, far more than it holds, in uneven pieces. */
static void *producer(void *arg)
{
	(void)arg;
	char buf[3000];
	for (long sent = 0; sent < 200 * 1024;) {
		size_t n = sizeof(buf);
		if ((long)n > 200 * 1024 - sent)
			n = (size_t)(200 * 1024 - sent);
		for (size_t i = 0; i < n; i++)
			buf[i] = (char)((sent + (long)i) * 7);
		ssize_t w = write(pipefd[1], buf, n);
		if (w <= 0)
			return (void *)1;
		sent += w;
	}
	close(pipefd[1]);
	return NULL;
}

struct range {
	unsigned long from, to, sum;
};

static void *sum_range(void *arg)
{
	struct range *r = arg;
	unsigned long s = 0;
	for (unsigned long i = r->from; i < r->to; i++)
		s += i * i % 7;
	r->sum = s;
	return NULL;
}

static atomic_int cleanups;

static void cleanup(void *arg)
{
	(void)arg;
	atomic_fetch_add(&cleanups, 1);
}

static void *read_forever(void *arg)
{
	char c;
	pthread_cleanup_push(cleanup, NULL);
	while (read(*(int *)arg, &c, 1) != 0)
		;
	pthread_cleanup_pop(0);
	return NULL;
}

static volatile sig_atomic_t signalled;

static void on_usr1(int sig)
{
	signalled = sig == SIGUSR1;
}

static void *spin_until_signalled(void *arg)
{
	while (!signalled)
		;
	return arg;
}

static void *spin_until_cancelled(void *arg)
{
	pthread_cleanup_push(cleanup, arg);
	for (;;)
		pthread_testcancel();
	pthread_cleanup_pop(0);
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	pthread_barrier_init(&barrier, NULL, THREADS);
	for (long i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)i)) {
			puts("pthread_create failed");
			return 1;
		}
	for (int i = 0; i < THREADS; i++) {
		void *ret;
		pthread_join(t[i], &ret);
		printf("thread %d returned %ld\n", i, (long)ret);
	}
	printf("counter %ld (expected %d)\n", counter, THREADS * ROUNDS);
	printf("main tls %ld\n", tls_value);

	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (int i = 0; i < 4; i++) {
		pthread_t d;
		pthread_create(&d, &attr, detached, NULL);
	}
	while (atomic_load(&detached_done) < 4)
		sched_yield();
	printf("detached threads done %d\n", atomic_load(&detached_done));

	struct range r[4];
	unsigned long total = 0, n = 4000000;
	for (int i = 0; i < 4; i++) {
		r[i] = (struct range){ n / 4 * (unsigned long)i, n / 4 * (unsigned long)(i + 1), 0 };
		pthread_create(&t[i], NULL, sum_range, &r[i]);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		total += r[i].sum;
	}
	printf("parallel sum %lu\n", total);

	if (pipe(pipefd))
		return 1;
	pthread_t prod;
	pthread_create(&prod, NULL, producer, NULL);
	unsigned long got = 0, bad = 0;
	char buf[1000];
	ssize_t got_now;
	while ((got_now = read(pipefd[0], buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < got_now; i++)
			bad += buf[i] != (char)(((long)got + i) * 7);
		got += (unsigned long)got_now;
	}
	void *pret;
	pthread_join(prod, &pret);
	printf("pipe between threads: %lu bytes, %lu wrong, producer %ld\n", got, bad, (long)pret);

	efd = eventfd(0, EFD_SEMAPHORE);
	pthread_t post;
	pthread_create(&post, NULL, poster, NULL);
	uint64_t v, taken = 0;
	for (int i = 0; i < 5; i++)
		if (read(efd, &v, sizeof(v)) == sizeof(v))
			taken += v;
	pthread_join(post, &pret);
	int nb = eventfd(3, EFD_NONBLOCK);
	ssize_t first = read(nb, &v, sizeof(v));
	uint64_t firstv = v;
	ssize_t again = read(nb, &v, sizeof(v));
	int again_errno = errno;
	uint64_t huge = ~0ULL;
	ssize_t bad_write = write(nb, &huge, sizeof(huge));
	printf("eventfd: semaphore took %lu, poster %ld; nonblocking read %zd of %lu then %zd eagain %d; "
	       "write ~0 %zd\n", (unsigned long)taken, (long)pret, first, (unsigned long)firstv, again,
	       again_errno == EAGAIN, bad_write);

	/* Cancellation: in a blocking read, and at pthread_testcancel; cleanup handlers run. */
	int cp[2];
	if (pipe(cp))
		return 1;
	pthread_t blocked, looping;
	pthread_create(&blocked, NULL, read_forever, &cp[0]);
	pthread_create(&looping, NULL, spin_until_cancelled, NULL);
	usleep(20000);
	pthread_cancel(blocked);
	pthread_cancel(looping);
	void *r1, *r2;
	pthread_join(blocked, &r1);
	pthread_join(looping, &r2);
	printf("cancel: in read %d, at testcancel %d, cleanups %d\n", r1 == PTHREAD_CANCELED,
	       r2 == PTHREAD_CANCELED, atomic_load(&cleanups));

	/* A signal for a thread that never enters the kernel by itself. */
	signal(SIGUSR1, on_usr1);
	int took = 0;
	for (int i = 0; i < 5; i++) {
		pthread_t spinner;
		signalled = 0;
		pthread_create(&spinner, NULL, spin_until_signalled, NULL);
		usleep(10000);
		pthread_kill(spinner, SIGUSR1);
		pthread_join(spinner, NULL);
		took += signalled;
	}
	printf("signals taken by a spinning thread: %d of 5\n", took);
	return 0;
}
