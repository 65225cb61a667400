/*
 * The threads benchmark program: prints "name value unit" lines for thread
 * create+join, futex ping-pong between two threads, clock_gettime, and a
 * parallel compute kernel on 1 and 2 threads.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *nothing(void *arg)
{
	return arg;
}

static atomic_uint ball;
#define ROUNDS 20000

/* Each side waits for its parity, passes the ball and wakes the other. */
static void *player(void *arg)
{
	unsigned me = (unsigned)(long)arg;
	for (;;) {
		unsigned v = atomic_load(&ball);
		if (v >= 2 * ROUNDS)
			return NULL;
		if (v % 2 != me) {
			syscall(SYS_futex, &ball, FUTEX_WAIT_PRIVATE, v, NULL, NULL, 0);
			continue;
		}
		atomic_store(&ball, v + 1);
		syscall(SYS_futex, &ball, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	}
}

static void *compute(void *arg)
{
	unsigned long n = (unsigned long)arg, s = 0;
	for (unsigned long i = 0; i < n; i++)
		s += (i * i) ^ (s >> 3);
	return (void *)s;
}

static double parallel(int threads)
{
	pthread_t t[2];
	unsigned long work = 400000000UL / (unsigned long)threads;
	double t0 = now();
	for (int i = 0; i < threads; i++)
		pthread_create(&t[i], NULL, compute, (void *)work);
	for (int i = 0; i < threads; i++)
		pthread_join(t[i], NULL);
	return now() - t0;
}

int main(void)
{
	int n = 2000;
	double t0 = now();
	for (int i = 0; i < n; i++) {
		pthread_t t;
		pthread_create(&t, NULL, nothing, NULL);
		pthread_join(t, NULL);
	}
	printf("thread_create_join %.1f us\n", (now() - t0) / n * 1e6);

	pthread_t a, b;
	t0 = now();
	pthread_create(&a, NULL, player, (void *)0L);
	pthread_create(&b, NULL, player, (void *)1L);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("futex_round_trip %.2f us\n", (now() - t0) / ROUNDS * 1e6);

	struct timespec ts;
	int m = 1000000;
	t0 = now();
	for (int i = 0; i < m; i++)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	printf("clock_gettime %.1f ns\n", (now() - t0) / m * 1e9);

	double one = parallel(1), two = parallel(2);
	printf("compute_1_thread %.3f s\n", one);
	printf("compute_2_threads %.3f s\n", two);
	printf("speedup_2_threads %.2f x\n", one / two);
	return 0;
}
