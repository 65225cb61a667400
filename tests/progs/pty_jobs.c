/*
 * Pseudo-terminals and job control: a pair from posix_openpt (the slave's name,
 * modes, identity and /dev/pts entry), the line discipline between its sides (canonical lines,
 * erase, kill, word erase, end of file, literal next, echo, output's CR-LF,
 * raw reads by VMIN and VTIME, ^C without a foreground group, tcflow, TIOCEXCL), the master
 * reading EIO once the slave is closed; then a session whose controlling
 * terminal is a slave: background reads stopped by SIGTTIN (or EIO when it is
 * ignored), writes by SIGTTOU under TOSTOP, tcsetpgrp from the background, the
 * foreground group reading the master's input and killed by its ^C, a group
 * orphaned with a stopped member (SIGHUP, SIGCONT, then SIGTSTP discarded), the
 * session leader's end hanging up its foreground group, and the master's close
 * hanging up the slave side. Every line is printed in an order the processes
 * agree on through pipes.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "proc_sync.h"

static char name[64];

/* What a terminal wrote, with control bytes spelled out. */
static void show(const char *what, const char *buf, long n)
{
	printf("%s (%ld):", what, n);
	for (long i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c >= 0x20 && c < 0x7f)
			printf("%c", c);
		else
			printf("\\%03o", c);
	}
	printf("\n");
}

/* Everything the master has to read, until it stays quiet for 300 ms. */
static void gather(int m, const char *what)
{
	char buf[4096];
	long n = 0;
	struct pollfd p = { m, POLLIN, 0 };
	while (n < (long)sizeof(buf) && poll(&p, 1, 300) == 1 && (p.revents & POLLIN)) {
		ssize_t k = read(m, buf + n, sizeof(buf) - (size_t)n);
		if (k <= 0)
			break;
		n += k;
	}
	show(what, buf, n);
}

static void feed(int m, const char *s, size_t len)
{
	if (write(m, s, len) != (ssize_t)len)
		perror("write master");
}

static void read_slave(int s, const char *what)
{
	char buf[256];
	ssize_t n = read(s, buf, sizeof(buf));
	if (n < 0)
		printf("%s: %s\n", what, strerror(errno));
	else
		show(what, buf, n);
}

static int open_pair(int *s)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) || unlockpt(m) || ptsname_r(m, name, sizeof(name))) {
		perror("posix_openpt");
		exit(1);
	}
	if (s)
		*s = open(name, O_RDWR | O_NOCTTY);
	return m;
}

/* Pairs that find no descriptor (RLIMIT_NOFILE) are not kept: more of them than the machine has. */
static void past_the_limit(void)
{
	struct rlimit rl, low;
	getrlimit(RLIMIT_NOFILE, &rl);
	low = (struct rlimit){ 3, rl.rlim_max };
	setrlimit(RLIMIT_NOFILE, &low);
	int refused = 0;
	for (int i = 0; i < 40; i++)
		refused += posix_openpt(O_RDWR | O_NOCTTY) < 0 && errno == EMFILE;
	setrlimit(RLIMIT_NOFILE, &rl);
	/* Then eight pairs at once, each carrying its own line: none shares another's memory. */
	int ms[8], ss[8], same = 0;
	for (int i = 0; i < 8; i++) {
		ms[i] = open_pair(&ss[i]);
		char line[16];
		int n = snprintf(line, sizeof(line), "pair %d\n", i);
		if (write(ms[i], line, (size_t)n) != n)
			perror("write master");
	}
	for (int i = 0; i < 8; i++) {
		char line[16], want[16];
		ssize_t n = read(ss[i], line, sizeof(line) - 1);
		line[n > 0 ? n : 0] = 0;
		snprintf(want, sizeof(want), "pair %d\n", i);
		same += !strcmp(line, want);
		close(ss[i]);
		close(ms[i]);
	}
	printf("posix_openpt past RLIMIT_NOFILE: %d of 40 EMFILE; then 8 pairs read back their own lines: %d\n", refused,
	       same);
}

static void modes_and_lines(void)
{
	int s;
	int m = open_pair(&s);
	struct stat st, by_name;
	const char *tn = ttyname(s);
	fstat(s, &st);
	stat(name, &by_name);
	printf("isatty master %d slave %d; ttyname is ptsname: %d; major %u; same inode: %d; char device: %d\n",
	       isatty(m), isatty(s), tn && !strcmp(tn, name), major(st.st_rdev),
	       st.st_ino == by_name.st_ino && st.st_dev == by_name.st_dev, S_ISCHR(st.st_mode));
	int n;
	printf("TIOCGPTN matches the name: %d\n", ioctl(m, TIOCGPTN, &n) == 0 && atoi(name + 9) == n);
	DIR *pts = opendir("/dev/pts");
	int listed = 0;
	for (struct dirent *e; pts && (e = readdir(pts));)
		listed |= !strcmp(e->d_name, name + 9) && e->d_type == DT_CHR;
	printf("/dev/pts lists it: %d\n", listed);
	if (pts)
		closedir(pts);
	struct termios t;
	tcgetattr(s, &t);
	printf("modes: iflag %#o oflag %#o lflag %#o csize %#o cread %d\n", t.c_iflag, t.c_oflag, t.c_lflag,
	       t.c_cflag & CSIZE, !!(t.c_cflag & CREAD));
	printf("cc: intr %d quit %d erase %d kill %d eof %d min %d time %d susp %d werase %d lnext %d\n", t.c_cc[VINTR],
	       t.c_cc[VQUIT], t.c_cc[VERASE], t.c_cc[VKILL], t.c_cc[VEOF], t.c_cc[VMIN], t.c_cc[VTIME], t.c_cc[VSUSP],
	       t.c_cc[VWERASE], t.c_cc[VLNEXT]);
	int pg = tcgetpgrp(s);
	printf("tcgetpgrp of a terminal not ours: %d %s\n", pg, strerror(errno));
	printf("/dev/tty without a controlling terminal: %s\n", open("/dev/tty", O_RDWR) < 0 ? strerror(errno) : "opened");

	/* What is typed on the master, and the reads of the slave it is for. */
	static const struct {
		const char *typed;
		size_t len;
		const char *what;
		int reads;
	} typing[] = {
		{ "hello\rworld\n", 12, "line", 2 },
		{ "abx\177c\n", 6, "erase", 1 },
		{ "junk\025ok\n", 8, "kill", 1 },
		{ "one two \027three\n", 15, "word erase", 1 },
		{ "a\026\025b\n", 5, "literal next", 1 },
		{ "abc\004", 4, "before end of file", 1 },
		{ "\004", 1, "end of file", 1 },
	};
	for (size_t i = 0; i < sizeof(typing) / sizeof(typing[0]); i++) {
		feed(m, typing[i].typed, typing[i].len);
		for (int k = 0; k < typing[i].reads; k++)
			read_slave(s, typing[i].what);
	}
	gather(m, "echo");
	feed(m, "\003", 1);
	gather(m, "^C without a foreground group");

	struct winsize ws = { 24, 80, 0, 0 }, got;
	ioctl(m, TIOCSWINSZ, &ws);
	ioctl(s, TIOCGWINSZ, &got);
	printf("window: %d rows %d cols\n", got.ws_row, got.ws_col);

	int off = tcflow(s, TCIOFF), on = tcflow(s, TCION);
	printf("tcflow TCIOFF %d, TCION %d\n", off, on);
	gather(m, "STOP and START sent");
	int excl = -1, master_excl = -1;
	ioctl(s, TIOCEXCL);
	ioctl(s, TIOCGEXCL, &excl);
	ioctl(m, TIOCGEXCL, &master_excl);
	int again = open(name, O_RDWR | O_NOCTTY);
	printf("TIOCEXCL: slave %d, master %d, opened again (as root: %d) %d\n", excl, master_excl, geteuid() == 0,
	       again >= 0);
	close(again);
	ioctl(s, TIOCNXCL);

	if (write(s, "x\ny\n", 4) != 4)
		perror("write slave");
	gather(m, "output");
	t.c_oflag &= ~OPOST;
	tcsetattr(s, TCSANOW, &t);
	if (write(s, "x\ny\n", 4) != 4)
		perror("write slave");
	gather(m, "output without OPOST");

	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	tcsetattr(s, TCSANOW, &t);
	read_slave(s, "raw, nothing typed, VMIN 0");
	t.c_cc[VTIME] = 2;
	tcsetattr(s, TCSANOW, &t);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	read_slave(s, "raw, VTIME 2");
	clock_gettime(CLOCK_MONOTONIC, &b);
	long ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
	printf("waited 0.2 s: %d\n", ms >= 150 && ms < 2000);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	tcsetattr(s, TCSANOW, &t);
	feed(m, "xy", 2);
	read_slave(s, "raw, VMIN 1");
	fcntl(s, F_SETFL, O_NONBLOCK);
	read_slave(s, "raw, nonblocking");
	gather(m, "echo (none)");

	close(s);
	char c;
	printf("master after the slave closed: %s\n", read(m, &c, 1) < 0 ? strerror(errno) : "read");
	close(m);
}

/* A child of the session leader in a group of its own, in the background. */
static pid_t job(void (*body)(int), int tty)
{
	pid_t pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		signal(SIGTTOU, SIG_DFL); /* the leader ignores it, as shells do */
		body(tty);
		_exit(0);
	}
	setpgid(pid, pid);
	return pid;
}

static void bg_read(int tty)
{
	char buf[64];
	ssize_t n = read(tty, buf, sizeof(buf));
	printf("background read got %zd\n", n);
}

static void bg_read_ignoring(int tty)
{
	signal(SIGTTIN, SIG_IGN);
	char c;
	printf("background read ignoring SIGTTIN: %s\n", read(tty, &c, 1) < 0 ? strerror(errno) : "read");
}

static void bg_write(int tty)
{
	printf("background write: %s\n", write(tty, "bg write\n", 9) < 0 ? strerror(errno) : "written");
}

static void bg_tcsetpgrp(int tty)
{
	printf("tcsetpgrp from the background: %s\n", res(tcsetpgrp(tty, getpgrp())));
}

static int to_leader[2], to_term[2];

/* The foreground job: reads a line typed on the master, then waits for more until ^C. */
static void fg_reader(int tty)
{
	char buf[64];
	ssize_t n = read(tty, buf, sizeof(buf));
	show("foreground job read", buf, n);
	tell(to_leader[1]);
	n = read(tty, buf, sizeof(buf));
	printf("foreground job read again: %zd\n", n);
}

/* A group orphaned with a stopped member: SIGHUP and SIGCONT; then its stop signals are dropped. */
static int orphan_pipe[2];

static void orphan_hup(int sig)
{
	(void)sig;
	if (write(orphan_pipe[1], "SIGHUP ", 7) != 7)
		_exit(3);
}

static void orphan_maker(int tty)
{
	(void)tty;
	pid_t member = fork();
	if (member == 0) {
		signal(SIGHUP, orphan_hup);
		raise(SIGSTOP);
		raise(SIGTSTP);
		if (write(orphan_pipe[1], "running\n", 8) != 8)
			_exit(3);
		_exit(0);
	}
	int st;
	waitpid(member, &st, WUNTRACED);
	_exit(WIFSTOPPED(st) ? 0 : 1);
}

static void leader_hup(int sig)
{
	(void)sig;
	if (write(to_term[1], "h", 1) != 1)
		_exit(3);
}

/* The last job: in the foreground when its session leader ends, hung up. */
static void hung_up_reader(int tty)
{
	struct sigaction sa = { .sa_handler = leader_hup };
	sigaction(SIGHUP, &sa, 0);
	tell(to_leader[1]);
	char c;
	ssize_t n = read(tty, &c, 1);
	(void)n;
}

static void session_leader(int m)
{
	close(m);
	setsid();
	int tty = open(name, O_RDWR);
	signal(SIGTTOU, SIG_IGN);
	printf("controlling terminal: pgrp is mine %d, sid is mine %d, /dev/tty %s\n", tcgetpgrp(tty) == getpid(),
	       tcgetsid(tty) == getpid(), open("/dev/tty", O_RDWR) >= 0 ? "opened" : strerror(errno));
	int st;
	pid_t p = job(bg_read, tty);
	waitpid(p, &st, WUNTRACED);
	status("background read", st);
	printf("tcsetpgrp to the stopped job: %s\n", res(tcsetpgrp(tty, p)));
	printf("foreground is the job: %d\n", tcgetpgrp(tty) == p);
	kill(p, SIGKILL);
	waitpid(p, &st, 0);
	tcsetpgrp(tty, getpgrp());

	p = job(bg_read_ignoring, tty);
	waitpid(p, &st, 0);
	p = job(bg_tcsetpgrp, tty);
	waitpid(p, &st, WUNTRACED);
	status("background tcsetpgrp", st);
	kill(p, SIGKILL);
	waitpid(p, &st, 0);
	struct termios t;
	tcgetattr(tty, &t);
	t.c_lflag |= TOSTOP;
	tcsetattr(tty, TCSANOW, &t);
	p = job(bg_write, tty);
	waitpid(p, &st, WUNTRACED);
	status("background write with TOSTOP", st);
	kill(p, SIGKILL);
	waitpid(p, &st, 0);
	t.c_lflag &= ~TOSTOP;
	tcsetattr(tty, TCSANOW, &t);
	p = job(bg_write, tty);
	waitpid(p, &st, 0);

	p = job(fg_reader, tty);
	tcsetpgrp(tty, p);
	tell(to_term[1]); /* type a line */
	hear(to_leader[0]);
	tell(to_term[1]); /* type ^C */
	waitpid(p, &st, 0);
	status("foreground job", st);
	printf("foreground back to the leader: %s\n", res(tcsetpgrp(tty, getpgrp())));

	p = job(orphan_maker, tty);
	waitpid(p, &st, 0);
	status("orphaned group's parent", st);
	char buf[32];
	ssize_t n = read(orphan_pipe[0], buf, sizeof(buf));
	if (n > 0 && buf[n - 1] != '\n')
		n += read(orphan_pipe[0], buf + n, sizeof(buf) - (size_t)n);
	show("orphaned member", buf, n);

	p = job(hung_up_reader, tty);
	tcsetpgrp(tty, p);
	hear(to_leader[0]);
	_exit(0);
}

/* A second session on the same terminal: the master's close hangs it up. */
static int hup_seen;

static void on_hup(int sig)
{
	(void)sig;
	hup_seen = 1;
}

static void hangup_session(int m)
{
	close(m);
	setsid();
	int tty = open(name, O_RDWR);
	struct sigaction sa = { .sa_handler = on_hup };
	sigaction(SIGHUP, &sa, 0);
	printf("second session took the terminal: %d\n", tcgetpgrp(tty) == getpid());
	tell(to_term[1]);
	while (!hup_seen)
		pause();
	char c;
	ssize_t r = read(tty, &c, 1);
	printf("after the master closed: SIGHUP %d, read %zd, write %s\n", hup_seen, r,
	       write(tty, "x", 1) < 0 ? strerror(errno) : "written");
	_exit(0);
}

static void sessions(void)
{
	int m = open_pair(0);
	if (pipe(to_leader) || pipe(to_term) || pipe(orphan_pipe))
		perror("pipe");
	int st;
	pid_t leader = fork();
	if (leader == 0)
		session_leader(m);
	hear(to_term[0]);
	feed(m, "job input\n", 10);
	hear(to_term[0]);
	feed(m, "\003", 1);
	char c;
	if (read(to_term[0], &c, 1) == 1)
		printf("foreground job after its leader ended: %s\n", c == 'h' ? "SIGHUP" : "other");
	waitpid(leader, &st, 0);
	status("session leader", st);
	gather(m, "terminal output");

	pid_t second = fork();
	if (second == 0)
		hangup_session(m);
	hear(to_term[0]);
	close(m);
	waitpid(second, &st, 0);
	status("second session", st);
}

int main(void)
{
	setvbuf(stdout, 0, _IONBF, 0);
	pid_t p = fork();
	if (p == 0) {
		setsid();
		past_the_limit();
		modes_and_lines();
		sessions();
		_exit(0);
	}
	int st;
	waitpid(p, &st, 0);
	status("all", st);
	return 0;
}
