/*
 * Clocks and sleeps: each check prints yes/no, with tolerances wide enough for
 * a loaded machine, so native and VM runs print the same when both are right.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

/* <linux/futex.h> is not on musl-gcc's path. */
#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129
#define FUTEX_WAIT_BITSET_PRIVATE 137

static long ns_between(struct timespec a, struct timespec b)
{
	return (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
}

static void check(const char *what, int ok)
{
	printf("%-40s %s\n", what, ok ? "yes" : "no");
}

int main(void)
{
	struct timespec a, b, res;
	clock_gettime(CLOCK_MONOTONIC, &a);
	clock_gettime(CLOCK_MONOTONIC, &b);
	check("monotonic does not go back", ns_between(a, b) >= 0);

	struct timespec d = { 0, 20000000 };
	clock_gettime(CLOCK_MONOTONIC, &a);
	int r = nanosleep(&d, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	check("nanosleep 20ms returns 0", r == 0);
	check("nanosleep slept 20ms..1s", ns_between(a, b) >= 20000000 && ns_between(a, b) < 1000000000);

	clock_gettime(CLOCK_MONOTONIC, &a);
	struct timespec until = a;
	until.tv_nsec += 30000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	check("clock_nanosleep absolute returns 0", r == 0);
	check("clock_nanosleep reached the time", ns_between(until, b) >= 0 && ns_between(a, b) < 1000000000);
	check("clock_nanosleep bad clock is EINVAL", clock_nanosleep(12345, 0, &d, NULL) == EINVAL);
	struct timespec bad = { 0, 1000000000 };
	check("nanosleep bad nsec is EINVAL", nanosleep(&bad, NULL) == -1 && errno == EINVAL);

	struct timespec rt;
	clock_gettime(CLOCK_REALTIME, &rt);
	time_t t = time(NULL);
	/* Linux's time() reads the clock as of the last tick: a second behind just after one begins. */
	check("time() agrees with REALTIME", t - rt.tv_sec >= -1 && t - rt.tv_sec <= 1);
	check("REALTIME is after 2020", rt.tv_sec > 1577836800);
	check("getres MONOTONIC is 1ns", clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 && res.tv_nsec == 1);
	check("getres bad clock is EINVAL", clock_getres(99, &res) == -1 && errno == EINVAL);
	check("gettime bad clock is EINVAL", clock_gettime(99, &res) == -1 && errno == EINVAL);

	struct timespec c0, c1;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	volatile unsigned long x = 0;
	for (unsigned long i = 0; i < 50000000; i++)
		x += i;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	check("process CPU time advances with work", ns_between(c0, c1) > 1000000);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	nanosleep(&d, NULL);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	check("thread CPU time does not count sleep", ns_between(c0, c1) < 15000000);
	clockid_t cid;
	check("pthread_getcpuclockid works", pthread_getcpuclockid(pthread_self(), &cid) == 0 &&
					     clock_gettime(cid, &c0) == 0 && c0.tv_sec >= 0);

	unsigned word = 1;
	struct timespec ft = { 0, 10000000 };
	long fr = syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 1, &ft, NULL, 0);
	check("futex wait times out", fr == -1 && errno == ETIMEDOUT);
	fr = syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 2, &ft, NULL, 0);
	check("futex wait on changed word is EAGAIN", fr == -1 && errno == EAGAIN);
	check("futex wake with no waiter is 0", syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0) == 0);
	fr = syscall(SYS_futex, (char *)&word + 1, FUTEX_WAIT_PRIVATE, 1, &ft, NULL, 0);
	check("futex unaligned is EINVAL", fr == -1 && errno == EINVAL);
	fr = syscall(SYS_futex, &word, FUTEX_WAIT_BITSET_PRIVATE, 1, &ft, NULL, 0);
	check("futex bitset 0 is EINVAL", fr == -1 && errno == EINVAL);

	struct rusage ru;
	check("getrusage SELF counts the work", getrusage(RUSAGE_SELF, &ru) == 0 &&
						    ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec > 1000);
	check("getrusage CHILDREN is zero", getrusage(RUSAGE_CHILDREN, &ru) == 0 && ru.ru_utime.tv_sec == 0 &&
						ru.ru_utime.tv_usec == 0);
	check("getrusage bad who is EINVAL", getrusage(7, &ru) == -1 && errno == EINVAL);
	struct tms tm;
	check("times returns and fills", times(&tm) != (clock_t)-1 && tm.tms_cutime == 0);
	unsigned cpu = 99;
	check("getcpu gives a CPU", syscall(SYS_getcpu, &cpu, NULL, NULL) == 0 && cpu < 64);

	/* Only raising the nice value: lowering it needs privilege, and the start value is the caller's. */
	check("setpriority 15 then getpriority", setpriority(PRIO_PROCESS, 0, 15) == 0 && getpriority(PRIO_PROCESS, 0) == 15);
	check("setpriority clamps 40 to 19", setpriority(PRIO_PROCESS, 0, 40) == 0 && getpriority(PRIO_PROCESS, 0) == 19);
	check("getpriority bad which is EINVAL", getpriority(9, 0) == -1 && errno == EINVAL);
	check("getpriority unknown pid is ESRCH", getpriority(PRIO_PROCESS, 999999) == -1 && errno == ESRCH);

	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += 20000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&m);
	r = pthread_cond_timedwait(&cv, &m, &until);
	pthread_mutex_unlock(&m);
	check("pthread_cond_timedwait times out", r == ETIMEDOUT);
	return 0;
}
