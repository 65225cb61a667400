/*
 * Signals delivered to handlers: raise, kill, blocking and pending, SA_RESETHAND,
 * faults (SIGSEGV, SIGFPE) caught and left with siglongjmp, vector registers kept
 * across a handler. With an argument: end by a signal (abort, term, ignored term), or
 * wait for one from outside (wait: with a SIGINT/SIGTERM handler; wait-default: without).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t hits, last_sig, last_code;
static volatile void *last_addr;
static sigjmp_buf escape;
static volatile double sink;
static int *volatile bad_ptr = (int *)16;

static void on_info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	hits++;
	last_sig = sig;
	last_code = si->si_code;
	/* Use vector registers here; the interrupted code must not notice. */
	double x = 1.5;
	for (int i = 0; i < 10; i++)
		x = x * 1.25 + 0.5;
	sink = x;
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	last_sig = sig;
	last_code = si->si_code;
	last_addr = si->si_addr;
	siglongjmp(escape, 1);
}

static char alt[65536];
static volatile int on_alt_stack;

static void on_alt(int sig)
{
	char here;
	(void)sig;
	on_alt_stack = &here >= alt && &here < alt + sizeof(alt);
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(sig, &sa, NULL);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strncmp(argv[1], "wait", 4)) {
		if (!strcmp(argv[1], "wait")) {
			install(SIGINT, on_info, 0);
			install(SIGTERM, on_info, 0);
		}
		printf("ready\n");
		fflush(stdout);
		struct timespec ts = { 20, 0 };
		int r = nanosleep(&ts, NULL);
		printf("nanosleep %d hits %d sig %d\n", r, hits, last_sig);
		return 5;
	}
	if (argc > 1) {
		if (!strcmp(argv[1], "abort"))
			abort();
		if (!strcmp(argv[1], "ignored"))
			signal(SIGTERM, SIG_IGN);
		kill(getpid(), SIGTERM);
		puts("still running");
		return 3;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	install(SIGUSR1, on_info, 0);
	install(SIGUSR2, on_info, 0);
	double keep = 3.25;
	raise(SIGUSR1);
	printf("raise: hits %d sig %d code %d keep %.2f\n", hits, last_sig, last_code, keep * 2);
	kill(getpid(), SIGUSR2);
	printf("kill: hits %d sig %d code %d\n", hits, last_sig, last_code);

	sigset_t set, pending;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR1);
	sigpending(&pending);
	printf("blocked: hits %d pending %d\n", hits, sigismember(&pending, SIGUSR1));
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("unblocked: hits %d\n", hits);

	install(SIGUSR1, on_info, SA_RESETHAND);
	raise(SIGUSR1);
	struct sigaction now;
	sigaction(SIGUSR1, NULL, &now);
	printf("resethand: hits %d handler reset %d\n", hits, now.sa_handler == SIG_DFL);

	sigset_t old, none;
	sigemptyset(&none);
	sigprocmask(SIG_BLOCK, &set, &old);
	install(SIGUSR1, on_info, 0);
	raise(SIGUSR1);
	int sr = sigsuspend(&none);
	sigprocmask(SIG_SETMASK, NULL, &old);
	printf("sigsuspend: ret %d hits %d usr1 still blocked %d\n", sr, hits, sigismember(&old, SIGUSR1));
	sigprocmask(SIG_UNBLOCK, &set, NULL);

	stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt), .ss_flags = 0 }, cur;
	int ar = sigaltstack(&ss, NULL);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alt;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR2, &sa, NULL);
	raise(SIGUSR2);
	sigaltstack(NULL, &cur);
	stack_t tiny = { .ss_sp = alt, .ss_size = 100, .ss_flags = 0 };
	int small = sigaltstack(&tiny, NULL);
	printf("sigaltstack: set %d ran on it %d flags %d size ok %d tiny %d\n", ar, on_alt_stack, cur.ss_flags,
	       cur.ss_size == sizeof(alt), small);

	install(SIGALRM, on_info, 0);
	int before = hits;
	alarm(1);
	printf("alarm left %u\n", alarm(1));
	struct itimerval it = { { 0, 20000 }, { 0, 20000 } }, got;
	setitimer(ITIMER_REAL, &it, NULL);
	struct timespec nap = { 2, 0 };
	int nr = nanosleep(&nap, NULL);
	getitimer(ITIMER_REAL, &got);
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
	printf("itimer: sleep interrupted %d alarm taken %d interval kept %d\n", nr == -1 && errno == EINTR,
	       hits > before && last_sig == SIGALRM, got.it_interval.tv_usec == 20000);

	sigset_t w;
	sigemptyset(&w);
	sigaddset(&w, SIGUSR1);
	sigprocmask(SIG_BLOCK, &w, NULL);
	raise(SIGUSR1);
	int taken = 0;
	int wr = sigwait(&w, &taken);
	struct timespec zero_ts = { 0, 0 }, short_ts = { 0, 20000000 };
	int tw = sigtimedwait(&w, NULL, &zero_ts);
	int tw_errno = errno;
	int tw2 = sigtimedwait(&w, NULL, &short_ts);
	printf("sigwait: %d took %d; empty poll %d %d; timeout %d %d; hits %d\n", wr, taken, tw,
	       tw_errno == EAGAIN, tw2, errno == EAGAIN, hits);
	sigprocmask(SIG_UNBLOCK, &w, NULL);

	signal(SIGUSR2, SIG_IGN);
	raise(SIGUSR2);
	printf("ignored: hits %d\n", hits);

	install(SIGSEGV, on_fault, 0);
	if (!sigsetjmp(escape, 1))
		*bad_ptr = 1;
	printf("segv: sig %d code %d addr %p\n", last_sig, last_code, last_addr);
	install(SIGFPE, on_fault, 0);
	volatile int zero = 0;
	if (!sigsetjmp(escape, 1))
		printf("%d\n", 1 / zero);
	printf("fpe: sig %d code %d\n", last_sig, last_code);
	if (!sigsetjmp(escape, 1))
		*bad_ptr = 1;
	printf("segv again: sig %d (handler still installed, mask restored)\n", last_sig);
	printf("kill bad signal: %d\n", kill(getpid(), 99));
	return 0;
}
