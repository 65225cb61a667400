/* POSIX timers: SIGEV_SIGNAL with its siginfo, periodic timers and overruns, SIGEV_NONE, SIGEV_THREAD, errors. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t fired, code_ok, value;

static void on_timer(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fired++;
	code_ok = si->si_code == SI_TIMER;
	value = si->si_value.sival_int;
}

static void check(const char *what, long r)
{
	printf("%s: %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerror(errno) : "");
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int thread_value;

static void in_thread(union sigval v)
{
	pthread_mutex_lock(&lock);
	thread_value = v.sival_int;
	pthread_cond_signal(&cond);
	pthread_mutex_unlock(&lock);
}

static volatile sig_atomic_t cpu_timer;

static void on_cpu_timer(int sig)
{
	cpu_timer = sig;
}

/* ITIMER_VIRTUAL or ITIMER_PROF: sleeping uses no CPU time, spinning does. */
static void cpu_itimer(const char *what, int which, int sig)
{
	struct itimerval iv = { { 0, 0 }, { 0, 30000 } }, cur;
	signal(sig, on_cpu_timer);
	cpu_timer = 0;
	check(what, setitimer(which, &iv, 0));
	usleep(100000);
	printf("  fired while asleep: %d\n", cpu_timer != 0);
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	do
		clock_gettime(CLOCK_MONOTONIC, &now);
	while (!cpu_timer && now.tv_sec - start.tv_sec < 5);
	printf("  fired while spinning: %d\n", cpu_timer == sig);
	getitimer(which, &cur);
	printf("  disarmed: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
}

int main(void)
{
	setvbuf(stdout, 0, _IONBF, 0);
	struct sigaction sa = { .sa_sigaction = on_timer, .sa_flags = SA_SIGINFO };
	sigaction(SIGUSR1, &sa, 0);
	sigset_t usr1, old;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);

	timer_t t;
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1, .sigev_value.sival_int = 42 };
	check("timer_create", timer_create(CLOCK_MONOTONIC, &ev, &t));
	struct itimerspec its = { { 0, 0 }, { 0, 20000000 } }, cur;
	/* A program that never enters the kernel still gets its timer signal. */
	check("arm while spinning", timer_settime(t, 0, &its, 0));
	while (!fired)
		;
	printf("  fired while spinning: %d\n", fired);
	fired = 0;
	sigprocmask(SIG_BLOCK, &usr1, &old);
	check("arm 20ms", timer_settime(t, 0, &its, 0));
	timer_gettime(t, &cur);
	printf("  counting down: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0);
	sigsuspend(&old);
	printf("  fired %d, SI_TIMER %d, value %d\n", fired, code_ok, value);
	timer_gettime(t, &cur);
	printf("  disarmed after one shot: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);

	/* Periodic, blocked for a while: one signal, the rest are overruns. */
	fired = 0;
	its = (struct itimerspec){ { 0, 5000000 }, { 0, 5000000 } };
	timer_settime(t, 0, &its, 0);
	usleep(60000);
	sigsuspend(&old);
	/* Later expirations (blocked again, pending) leave the count of the signal taken alone. */
	usleep(20000);
	printf("periodic while blocked: fired %d, overruns >= 5: %d\n", fired, timer_getoverrun(t) >= 5);
	timer_gettime(t, &cur);
	printf("  interval %ld\n", cur.it_interval.tv_nsec);
	struct itimerspec off = { { 0, 0 }, { 0, 0 } };
	check("disarm", timer_settime(t, 0, &off, &cur));
	printf("  old interval %ld\n", cur.it_interval.tv_nsec);

	/* Absolute time on CLOCK_REALTIME. */
	timer_t rt;
	ev.sigev_value.sival_int = 7;
	timer_create(CLOCK_REALTIME, &ev, &rt);
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	now.tv_nsec += 10000000;
	if (now.tv_nsec >= 1000000000) {
		now.tv_sec++;
		now.tv_nsec -= 1000000000;
	}
	its = (struct itimerspec){ { 0, 0 }, now };
	check("absolute", timer_settime(rt, TIMER_ABSTIME, &its, 0));
	sigsuspend(&old);
	printf("  value %d\n", value);
	check("delete", timer_delete(rt));
	sigprocmask(SIG_SETMASK, &old, 0);

	/* SIGEV_NONE counts down without a signal. */
	timer_t none;
	struct sigevent quiet = { .sigev_notify = SIGEV_NONE };
	check("SIGEV_NONE", timer_create(CLOCK_MONOTONIC, &quiet, &none));
	its = (struct itimerspec){ { 0, 0 }, { 5, 0 } };
	timer_settime(none, 0, &its, 0);
	timer_gettime(none, &cur);
	printf("  counting down: %d\n", cur.it_value.tv_sec == 4 || cur.it_value.tv_sec == 5);
	timer_delete(none);

	/* SIGEV_THREAD: the C library runs the function in a thread. */
	timer_t th;
	struct sigevent tev = { .sigev_notify = SIGEV_THREAD, .sigev_notify_function = in_thread,
				.sigev_value.sival_int = 99 };
	check("SIGEV_THREAD", timer_create(CLOCK_MONOTONIC, &tev, &th));
	its = (struct itimerspec){ { 0, 0 }, { 0, 10000000 } };
	timer_settime(th, 0, &its, 0);
	pthread_mutex_lock(&lock);
	while (!thread_value)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	printf("  function ran with %d\n", thread_value);
	timer_delete(th);

	check("bad clock", timer_create(99, &ev, &rt));
	ev.sigev_signo = 200;
	check("bad signal", timer_create(CLOCK_MONOTONIC, &ev, &rt));
	check("delete bad id", syscall(SYS_timer_delete, 12345));
	check("settime bad id", syscall(SYS_timer_settime, 12345, 0, &its, 0));
	its.it_value.tv_nsec = 2000000000;
	check("bad nsec", timer_settime(t, 0, &its, 0));
	check("delete", timer_delete(t));

	/* sigqueue: the value and SI_QUEUE reach the handler and sigwaitinfo. */
	sigaction(SIGUSR2, &sa, 0);
	fired = 0;
	check("sigqueue", sigqueue(getpid(), SIGUSR2, (union sigval){ .sival_int = 77 }));
	printf("  fired %d, value %d\n", fired, value);
	sigset_t usr2;
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	sigprocmask(SIG_BLOCK, &usr2, 0);
	sigqueue(getpid(), SIGUSR2, (union sigval){ .sival_int = 78 });
	siginfo_t si;
	check("sigwaitinfo", sigwaitinfo(&usr2, &si));
	printf("  SI_QUEUE %d, value %d, pid ok %d\n", si.si_code == SI_QUEUE, si.si_value.sival_int,
	       si.si_pid == getpid());
	check("sigqueue bad signal", sigqueue(getpid(), 99, (union sigval){ 0 }));

	cpu_itimer("ITIMER_VIRTUAL", ITIMER_VIRTUAL, SIGVTALRM);
	cpu_itimer("ITIMER_PROF", ITIMER_PROF, SIGPROF);
	check("getitimer bad timer", getitimer(5, &(struct itimerval){ 0 }));
	return 0;
}
