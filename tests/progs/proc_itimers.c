/*
 * Interval timers are each process's own: fork's child starts with none, its
 * timers and SIGALRM leave the parent's alone, execve keeps them, and a
 * CPU-time timer counts only its own process. Prints no times, only whether
 * they are in range.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t alarms, vtalarms;

static void on_alarm(int sig)
{
	if (sig == SIGALRM)
		alarms++;
	else
		vtalarms++;
}

static double left(int which)
{
	struct itimerval it;
	if (getitimer(which, &it) < 0)
		return -1;
	return (double)it.it_value.tv_sec + (double)it.it_value.tv_usec / 1e6;
}

static void arm(int which, long ms)
{
	struct itimerval it = { .it_value = { ms / 1000, ms % 1000 * 1000 } };
	if (setitimer(which, &it, 0) < 0)
		printf("setitimer: %s\n", strerror(errno));
}

static void wait_child(pid_t pid, const char *what)
{
	int st;
	if (waitpid(pid, &st, 0) < 0)
		printf("%s: waitpid: %s\n", what, strerror(errno));
	else
		printf("%s: %s %d\n", what, WIFEXITED(st) ? "exited" : "killed",
		       WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* The child sees none of the parent's timers, and its own fire for it alone. */
static void fork_starts_with_none(void)
{
	arm(ITIMER_REAL, 20000);
	arm(ITIMER_VIRTUAL, 20000);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		printf("child: ITIMER_REAL %s, ITIMER_VIRTUAL %s, alarm(0) %u\n", left(ITIMER_REAL) == 0 ? "none" : "set",
		       left(ITIMER_VIRTUAL) == 0 ? "none" : "set", alarm(0));
		arm(ITIMER_REAL, 50);
		while (!alarms)
			pause();
		printf("child: its own SIGALRM came, ITIMER_REAL now %s\n", left(ITIMER_REAL) == 0 ? "none" : "set");
		fflush(stdout);
		_exit(0);
	}
	wait_child(pid, "child with its own alarm");
	double real = left(ITIMER_REAL), virt = left(ITIMER_VIRTUAL);
	printf("parent: SIGALRMs %d, ITIMER_REAL %s, ITIMER_VIRTUAL %s\n", (int)alarms,
	       real > 15 && real <= 20 ? "still about 20 s" : "changed", virt > 19 && virt < 21 ? "untouched" : "changed");
	arm(ITIMER_REAL, 0);
	arm(ITIMER_VIRTUAL, 0);
}

/* The parent's alarm goes to the parent, while a child sleeps through it. */
static void parent_alarm_stays(void)
{
	alarms = 0;
	arm(ITIMER_REAL, 100);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		sleep_ms(400);
		printf("child: SIGALRMs while the parent's alarm went off: %d\n", (int)alarms);
		fflush(stdout);
		_exit(0);
	}
	while (!alarms)
		pause();
	printf("parent: its SIGALRM came\n");
	wait_child(pid, "sleeping child");
}

/* A child spinning under ITIMER_VIRTUAL gets SIGVTALRM; the parent, asleep, none. */
static void cpu_timer_own(void)
{
	vtalarms = 0;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		arm(ITIMER_VIRTUAL, 30);
		while (!vtalarms)
			;
		printf("child: SIGVTALRM after spinning\n");
		fflush(stdout);
		_exit(0);
	}
	wait_child(pid, "spinning child");
	printf("parent: SIGVTALRMs %d, ITIMER_VIRTUAL %s\n", (int)vtalarms, left(ITIMER_VIRTUAL) == 0 ? "none" : "set");
}

/* execve keeps the process's timers: the new program finds its alarm pending. */
static void exec_keeps(char *self)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		alarm(100);
		char *argv[] = { self, "--after-exec", 0 };
		execv(self, argv);
		printf("exec: %s\n", strerror(errno));
		_exit(1);
	}
	wait_child(pid, "exec'd child");
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	sigaction(SIGALRM, &sa, 0);
	sigaction(SIGVTALRM, &sa, 0);
	if (argc == 2 && strcmp(argv[1], "--after-exec") == 0) {
		unsigned left_s = alarm(0);
		printf("after exec: alarm %s\n", left_s > 90 && left_s <= 100 ? "kept (about 100 s)" : "lost");
		return 0;
	}
	fork_starts_with_none();
	parent_alarm_stays();
	cpu_timer_own();
	exec_keeps(argv[0]);
	return 0;
}
