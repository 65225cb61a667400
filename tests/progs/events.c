/*
 * Waiting for events: poll, ppoll, select, pselect, epoll (level, edge,
 * one-shot, nesting, threads), timerfd, signalfd, SA_RESTART, with their
 * errors. Prints what it sees; the same binary runs natively for comparison.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static void check(const char *what, long r)
{
	printf("%s: %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerror(errno) : "");
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void test_poll(void)
{
	int p[2];
	pipe(p);
	struct pollfd fds[4] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 }, { -1, POLLIN, 0 }, { 99, POLLIN, 0 } };
	check("poll empty pipe", poll(fds, 4, 0));
	printf("  revents %#x %#x %#x %#x\n", fds[0].revents, fds[1].revents, fds[2].revents, fds[3].revents);
	write(p[1], "x", 1);
	check("poll after write", poll(fds, 2, -1));
	printf("  revents %#x %#x\n", fds[0].revents, fds[1].revents);
	double t0 = now_ms();
	char c;
	read(p[0], &c, 1);
	check("poll timeout 50ms", poll(fds, 1, 50));
	printf("  waited enough: %d\n", now_ms() - t0 >= 45);
	close(p[1]);
	check("poll writer closed", poll(fds, 1, -1));
	printf("  revents %#x\n", fds[0].revents);
	pipe(p);
	close(p[0]);
	fds[0] = (struct pollfd){ p[1], POLLOUT, 0 };
	check("poll reader closed", poll(fds, 1, 0));
	printf("  revents %#x\n", fds[0].revents);
	close(p[1]);
	check("poll too many", syscall(SYS_poll, fds, 100000, 0));
	check("poll bad array", syscall(SYS_poll, 8, 1, 0));
	struct pollfd in = { 0, POLLIN, 0 };
	check("poll stdin (/dev/null)", poll(&in, 1, 0));
	printf("  revents %#x\n", in.revents);
	int e = eventfd(0, 0);
	fds[0] = (struct pollfd){ e, POLLIN | POLLOUT, 0 };
	check("poll eventfd 0", poll(fds, 1, 0));
	printf("  revents %#x\n", fds[0].revents);
	uint64_t one = 1;
	write(e, &one, sizeof(one));
	check("poll eventfd 1", poll(fds, 1, 0));
	printf("  revents %#x\n", fds[0].revents);
	close(e);
}

static volatile sig_atomic_t handled;

static void on_signal(int sig)
{
	handled = sig;
}

static void test_select(void)
{
	int p[2], e = eventfd(0, 0);
	pipe(p);
	fd_set r, w;
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	FD_SET(e, &r);
	FD_SET(p[1], &w);
	struct timeval tv = { 0, 0 };
	int nfds = (e > p[1] ? e : p[1]) + 1;
	check("select", select(nfds, &r, &w, 0, &tv));
	printf("  read %d %d write %d\n", FD_ISSET(p[0], &r), FD_ISSET(e, &r), FD_ISSET(p[1], &w));
	write(p[1], "y", 1);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	FD_SET(e, &r);
	tv = (struct timeval){ 5, 0 };
	check("select readable", select(nfds, &r, 0, 0, &tv));
	printf("  read %d %d, time left %d\n", FD_ISSET(p[0], &r), FD_ISSET(e, &r), tv.tv_sec >= 4);
	FD_ZERO(&r);
	FD_SET(e, &r);
	double t0 = now_ms();
	tv = (struct timeval){ 0, 30000 };
	check("select timeout 30ms", select(e + 1, &r, 0, 0, &tv));
	printf("  waited enough: %d\n", now_ms() - t0 >= 25);
	FD_ZERO(&r);
	FD_SET(60, &r);
	check("select closed fd", select(61, &r, 0, 0, &tv));
	check("select negative nfds", select(-1, 0, 0, 0, &tv));
	tv.tv_sec = -1;
	check("select negative time", select(1, 0, 0, 0, &tv));

	/* pselect and ppoll: the mask for the wait lets a pending signal in. */
	sigset_t block, empty;
	sigemptyset(&block);
	sigemptyset(&empty);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, 0);
	signal(SIGUSR1, on_signal);
	raise(SIGUSR1);
	FD_ZERO(&r);
	FD_SET(e, &r);
	handled = 0;
	check("pselect with a mask", pselect(e + 1, &r, 0, 0, 0, &empty));
	printf("  handler ran: %d\n", handled == SIGUSR1);
	struct timespec ts = { 0, 0 };
	handled = 0;
	raise(SIGUSR1);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	check("pselect ready keeps the signal", pselect(p[0] + 1, &r, 0, 0, &ts, &empty));
	printf("  handler ran: %d\n", handled == SIGUSR1);
	sigset_t pending;
	sigpending(&pending);
	printf("  still pending: %d\n", sigismember(&pending, SIGUSR1));
	struct pollfd fds = { e, POLLIN, 0 };
	check("ppoll with a mask", ppoll(&fds, 1, 0, &empty));
	printf("  handler ran: %d\n", handled == SIGUSR1);
	sigprocmask(SIG_UNBLOCK, &block, 0);
	close(p[0]);
	close(p[1]);
	close(e);
}

static void *write_later(void *arg)
{
	usleep(20000);
	uint64_t v = 5;
	write(*(int *)arg, &v, sizeof(v));
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void print_events(const char *what, int n, struct epoll_event *ev)
{
	uint64_t got[16];
	printf("%s: %d", what, n);
	for (int i = 0; i < n; i++)
		got[i] = ev[i].data.u64 << 16 | ev[i].events;
	qsort(got, n > 0 ? (size_t)n : 0, sizeof(got[0]), cmp_u64);
	for (int i = 0; i < n; i++)
		printf(" [%llu %#llx]", (unsigned long long)(got[i] >> 16), (unsigned long long)(got[i] & 0xffff));
	printf("%s%s\n", n < 0 ? " " : "", n < 0 ? strerror(errno) : "");
}

static int add(int ep, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };
	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

static void test_epoll(void)
{
	struct epoll_event ev[16];
	int ep = epoll_create1(EPOLL_CLOEXEC);
	int p[2], e = eventfd(0, 0), devnull = open("/dev/null", O_RDONLY);
	pipe(p);
	printf("cloexec: %d\n", fcntl(ep, F_GETFD) == FD_CLOEXEC);
	check("add pipe", add(ep, p[0], EPOLLIN, 1));
	check("add pipe writer", add(ep, p[1], EPOLLOUT, 2));
	check("add eventfd", add(ep, e, EPOLLIN, 3));
	check("add again", add(ep, e, EPOLLIN, 3));
	check("add itself", add(ep, ep, EPOLLIN, 4));
	check("add /dev/null", add(ep, devnull, EPOLLIN, 5));
	check("add bad fd", add(ep, 77, EPOLLIN, 5));
	check("add to non-epoll", add(e, p[0], EPOLLIN, 5));
	check("bad op", epoll_ctl(ep, 9, e, ev));
	check("mod missing", epoll_ctl(ep, EPOLL_CTL_MOD, devnull, ev));
	check("del missing", epoll_ctl(ep, EPOLL_CTL_DEL, 0, 0));
	check("add bad pointer", epoll_ctl(ep, EPOLL_CTL_ADD, 0, (struct epoll_event *)8));
	int e0 = epoll_create(0);
	check("epoll_create 0 (musl allows it)", e0 < 0 ? e0 : 0);
	if (e0 >= 0)
		close(e0);
	check("epoll_create1 bad flag", epoll_create1(1));
	print_events("wait: writer ready", epoll_wait(ep, ev, 16, 0), ev);
	write(p[1], "abc", 3);
	print_events("wait: pipe data", epoll_wait(ep, ev, 16, 0), ev);
	print_events("wait: level-triggered again", epoll_wait(ep, ev, 16, 0), ev);
	check("wait 0 events", epoll_wait(ep, ev, 0, 0));
	check("wait bad array", syscall(SYS_epoll_wait, ep, 8, 4, 0));
	check("wait non-epoll", epoll_wait(e, ev, 4, 0));
	check("del writer", epoll_ctl(ep, EPOLL_CTL_DEL, p[1], 0));

	/* Edge-triggered: once per change. */
	struct epoll_event et = { .events = EPOLLIN | EPOLLET, .data.u64 = 1 };
	check("mod to edge", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &et));
	print_events("edge: first", epoll_wait(ep, ev, 16, 0), ev);
	print_events("edge: no change", epoll_wait(ep, ev, 16, 0), ev);
	write(p[1], "d", 1);
	print_events("edge: more data", epoll_wait(ep, ev, 16, 0), ev);
	char buf[16];
	read(p[0], buf, sizeof(buf));

	/* One-shot: until re-armed. */
	uint64_t v = 1;
	write(e, &v, sizeof(v));
	et = (struct epoll_event){ .events = EPOLLIN | EPOLLONESHOT, .data.u64 = 3 };
	check("mod to one-shot", epoll_ctl(ep, EPOLL_CTL_MOD, e, &et));
	print_events("oneshot: first", epoll_wait(ep, ev, 16, 0), ev);
	print_events("oneshot: disarmed", epoll_wait(ep, ev, 16, 0), ev);
	check("re-arm", epoll_ctl(ep, EPOLL_CTL_MOD, e, &et));
	print_events("oneshot: re-armed", epoll_wait(ep, ev, 16, 0), ev);
	read(e, &v, sizeof(v));
	et.events = EPOLLIN;
	check("back to level", epoll_ctl(ep, EPOLL_CTL_MOD, e, &et));

	/* A short maxevents still lets every ready file have its turn. */
	int more[3];
	for (int i = 0; i < 3; i++) {
		more[i] = eventfd(1, 0);
		add(ep, more[i], EPOLLIN, 10 + i);
	}
	uint64_t seen = 0;
	for (int i = 0; i < 3; i++)
		if (epoll_wait(ep, ev, 1, 0) == 1)
			seen |= 1ull << (ev[0].data.u64 - 10);
	printf("round robin saw all three: %d\n", seen == 7);
	/* Closing the only descriptor of a file takes it out of the set. */
	for (int i = 0; i < 3; i++)
		close(more[i]);
	print_events("after close", epoll_wait(ep, ev, 16, 0), ev);

	/* Nested: an epoll instance is readable when its own set is. */
	int outer = epoll_create1(0);
	check("add epoll to epoll", add(outer, ep, EPOLLIN, 20));
	print_events("nested: nothing", epoll_wait(outer, ev, 16, 0), ev);
	write(e, &v, sizeof(v));
	print_events("nested: ready", epoll_wait(outer, ev, 16, 0), ev);
	read(e, &v, sizeof(v));
	close(outer);

	/* Sleeping until another thread writes. */
	pthread_t t;
	pthread_create(&t, 0, write_later, &e);
	double t0 = now_ms();
	print_events("wait for a thread", epoll_wait(ep, ev, 16, 2000), ev);
	printf("  woke early: %d\n", now_ms() - t0 < 1000);
	pthread_join(t, 0);
	read(e, &v, sizeof(v));
	t0 = now_ms();
	print_events("wait 30ms", epoll_wait(ep, ev, 16, 30), ev);
	printf("  waited enough: %d\n", now_ms() - t0 >= 25);
	sigset_t empty;
	sigemptyset(&empty);
	print_events("epoll_pwait", epoll_pwait(ep, ev, 16, 0, &empty), ev);
	close(p[0]);
	close(p[1]);
	close(e);
	close(devnull);
	close(ep);
}

static void test_timerfd(void)
{
	uint64_t n;
	struct itimerspec its = { { 0, 10000000 }, { 0, 20000000 } }, cur;
	int t = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	check("timerfd_create", t >= 0);
	check("settime", timerfd_settime(t, 0, &its, 0));
	check("gettime", timerfd_gettime(t, &cur));
	printf("  interval %ld, value in range %d\n", cur.it_interval.tv_nsec,
	       cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 20000000);
	check("read (blocks)", read(t, &n, sizeof(n)));
	printf("  expirations >= 1: %d\n", n >= 1);
	usleep(35000);
	read(t, &n, sizeof(n));
	printf("  expirations after 35ms >= 3: %d\n", n >= 3);
	struct pollfd fds = { t, POLLIN, 0 };
	check("poll a periodic timer", poll(&fds, 1, 1000));
	read(t, &n, sizeof(n));
	int ep = epoll_create1(0);
	add(ep, t, EPOLLIN, 7);
	struct epoll_event ev[2];
	print_events("epoll a periodic timer", epoll_wait(ep, ev, 2, 1000), ev);
	close(ep);
	struct itimerspec off = { { 0, 0 }, { 0, 0 } };
	check("disarm, old value", timerfd_settime(t, 0, &off, &cur));
	printf("  old interval %ld\n", cur.it_interval.tv_nsec);
	timerfd_gettime(t, &cur);
	printf("  now %ld %ld %ld %ld\n", (long)cur.it_interval.tv_sec, cur.it_interval.tv_nsec,
	       (long)cur.it_value.tv_sec, cur.it_value.tv_nsec);
	int nb = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	check("read disarmed nonblocking", read(nb, &n, sizeof(n)));
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	its = (struct itimerspec){ { 0, 0 }, { now.tv_sec - 1, 0 } };
	check("absolute time in the past", timerfd_settime(nb, TFD_TIMER_ABSTIME, &its, 0));
	check("  read", read(nb, &n, sizeof(n)));
	printf("  expirations %llu\n", (unsigned long long)n);
	check("read short buffer", read(nb, &n, 4));
	check("bad clock", timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0));
	check("bad flags", timerfd_create(CLOCK_MONOTONIC, 1));
	its.it_value.tv_nsec = 1000000000;
	check("bad nsec", timerfd_settime(nb, 0, &its, 0));
	check("bad settime flags", timerfd_settime(nb, 8, &off, 0));
	check("not a timerfd", timerfd_settime(0, 0, &off, 0));
	check("bad fd", timerfd_gettime(55, &cur));
	close(t);
	close(nb);
}

static void test_signalfd(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, 0);
	int s = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	check("signalfd", s >= 0);
	struct signalfd_siginfo info[4];
	check("read nothing pending", read(s, info, sizeof(info)));
	struct pollfd fds = { s, POLLIN, 0 };
	check("poll nothing pending", poll(&fds, 1, 0));
	kill(getpid(), SIGUSR2);
	raise(SIGUSR1);
	check("poll pending", poll(&fds, 1, 0));
	printf("  revents %#x\n", fds.revents);
	long r = read(s, info, sizeof(info));
	check("read two", r);
	for (long i = 0; i < r / (long)sizeof(info[0]); i++)
		printf("  signo %u code %d pid ok %d uid ok %d\n", info[i].ssi_signo, info[i].ssi_code,
		       info[i].ssi_pid == (uint32_t)getpid(), info[i].ssi_uid == getuid());
	check("read short buffer", read(s, info, 64));
	sigdelset(&set, SIGUSR2);
	check("change the mask, same fd", signalfd(s, &set, 0) == s);
	raise(SIGUSR2);
	check("read other signal", read(s, info, sizeof(info)));
	sigset_t pending;
	sigpending(&pending);
	printf("  SIGUSR2 still pending: %d\n", sigismember(&pending, SIGUSR2));
	signal(SIGUSR2, SIG_IGN);
	check("not a signalfd", signalfd(0, &set, 0));
	check("bad size", syscall(SYS_signalfd4, -1, &set, 4, 0));
	check("bad flags", syscall(SYS_signalfd4, -1, &set, 8, 1));
	close(s);
	sigprocmask(SIG_UNBLOCK, &set, 0);
}

static int restart_pipe[2];

static void *write_pipe_later(void *arg)
{
	(void)arg;
	usleep(80000);
	write(restart_pipe[1], "z", 1);
	return 0;
}

/* A read interrupted by a handler: restarted with SA_RESTART, else EINTR. */
static void read_with_alarm(int flags)
{
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = flags };
	sigaction(SIGALRM, &sa, 0);
	pipe(restart_pipe);
	pthread_t t;
	pthread_create(&t, 0, write_pipe_later, 0);
	struct itimerval it = { { 0, 0 }, { 0, 20000 } };
	setitimer(ITIMER_REAL, &it, 0);
	handled = 0;
	char c = 0;
	long r = read(restart_pipe[0], &c, 1);
	printf("read %s SA_RESTART: %ld %s, handler ran %d\n", flags ? "with" : "without", r,
	       r < 0 ? strerror(errno) : (char[]){ c, 0 }, handled == SIGALRM);
	pthread_join(t, 0);
	close(restart_pipe[0]);
	close(restart_pipe[1]);
}

/* Standard input as a pipe from the host: waiting for it, reading it to the end. */
static int poll_stdin(void)
{
	struct pollfd in = { 0, POLLIN, 0 };
	int ep = epoll_create1(0);
	check("epoll add stdin", add(ep, 0, EPOLLIN, 9));
	check("poll stdin", poll(&in, 1, 5000));
	printf("  readable: %d\n", !!(in.revents & POLLIN));
	struct epoll_event ev;
	check("epoll stdin", epoll_wait(ep, &ev, 1, 5000));
	char buf[4096];
	long total = 0, r;
	while ((r = read(0, buf, sizeof(buf))) > 0)
		total += r;
	printf("read %ld bytes to the end\n", total);
	check("poll at the end", poll(&in, 1, 5000));
	printf("  revents %#x\n", in.revents & (POLLIN | POLLHUP));
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IONBF, 0);
	if (argc > 1 && !strcmp(argv[1], "stdin"))
		return poll_stdin();
	test_poll();
	test_select();
	test_epoll();
	test_timerfd();
	test_signalfd();
	read_with_alarm(SA_RESTART);
	read_with_alarm(0);
	return 0;
}
