/*
 * Processes: fork (copy-on-write memory, shared open files, pipes), exec with
 * arguments, environment, close-on-exec and "#!" lines, the errors exec
 * gives, vfork, posix_spawn, system, popen, waiting, SIGCHLD, kill, process
 * groups. Usage: processes DIR, a directory to write scripts in; /bin/sh is a
 * shell. Prints what it sees, the same natively and in the VM (no pids: they
 * differ).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdbool.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <grp.h>
#include <time.h>
#include <unistd.h>

#define FUTEX_WAIT_PRIVATE 128 /* <linux/futex.h>, which musl-gcc does not see */
#define FUTEX_WAKE_PRIVATE 129

extern char **environ;

static char dir[4096];
static char sh[] = "/bin/sh";
static volatile sig_atomic_t chld_seen;

static void on_chld(int sig)
{
	(void)sig;
	chld_seen++;
}

static void show_status(const char *what, int st)
{
	if (WIFEXITED(st))
		printf("%s: exited %d\n", what, WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		printf("%s: killed by %s\n", what, strsignal(WTERMSIG(st)));
	else
		printf("%s: status %#x\n", what, st);
}

static int wait_for(pid_t pid, const char *what)
{
	int st = 0;
	pid_t got = waitpid(pid, &st, 0);
	if (got != pid)
		printf("%s: waitpid gave %s\n", what, got < 0 ? strerror(errno) : "another pid");
	show_status(what, st);
	return st;
}

static void write_file(const char *name, const char *text, mode_t mode)
{
	char path[4300];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text) || close(fd) < 0)
		printf("cannot write %s: %s\n", path, strerror(errno));
	chmod(path, mode);
}

static void memory_copies(void)
{
	static int global = 5;
	int local = 6;
	char *heap = malloc(64);
	strcpy(heap, "parent");
	int *shared = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	*shared = 1;
	pid_t parent = getpid();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		global = 50;
		local = 60;
		strcpy(heap, "child");
		*shared = 2;
		printf("child sees global %d local %d heap %s shared %d\n", global, local, heap, *shared);
		printf("child's parent is the caller: %s\n", getppid() == parent ? "yes" : "no");
		fflush(stdout);
		_exit(7);
	}
	wait_for(pid, "fork child");
	printf("parent keeps global %d local %d heap %s; shared became %d\n", global, local, heap, *shared);
	free(heap);
	munmap(shared, 4096);
}

static void shared_files(void)
{
	char path[4300];
	snprintf(path, sizeof(path), "%s/shared.txt", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	pid_t pid = fork();
	if (pid == 0) {
		if (write(fd, "child,", 6) != 6)
			_exit(1);
		_exit(0);
	}
	wait_for(pid, "writer child");
	if (write(fd, "parent", 6) != 6)
		printf("parent write failed\n");
	char buf[64] = { 0 };
	pread(fd, buf, sizeof(buf) - 1, 0);
	printf("one offset for both: %s (offset %ld)\n", buf, (long)lseek(fd, 0, SEEK_CUR));
	close(fd);

	int p[2];
	if (pipe(p) < 0)
		printf("pipe: %s\n", strerror(errno));
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		for (int i = 0; i < 1000; i++)
			dprintf(p[1], "line %d\n", i);
		_exit(0);
	}
	close(p[1]);
	long bytes = 0, n;
	char chunk[512];
	while ((n = read(p[0], chunk, sizeof(chunk))) > 0)
		bytes += n;
	close(p[0]);
	printf("pipe from a child: %ld bytes, then end of file\n", bytes);
	wait_for(pid, "pipe child");
}

static void run_exec(char *const argv[], const char *what)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		execve(argv[0], argv, environ);
		printf("%s: exec failed: %s\n", what, strerror(errno));
		fflush(stdout);
		_exit(127);
	}
	wait_for(pid, what);
}

static void exec_errors(void)
{
	char path[4300];
	char *argv[] = { path, 0 };
	const char *cases[][2] = {
		{ "missing", "no such file" }, { "", "a directory" }, { "plain.txt", "no execute bit" },
		{ "garbage", "not a program" }, { "loop.sh", "a #! loop" }, { "elf32", "a 32-bit ELF file" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, cases[i][0]);
		errno = 0;
		int r = execve(path, argv, environ);
		printf("exec of %s: %d %s\n", cases[i][1], r, strerror(errno));
	}
	/* More than any limit on arguments: E2BIG, and the caller goes on. */
	size_t n = 5000;
	char **many = calloc(n + 2, sizeof(char *));
	char *big = malloc(1024);
	memset(big, 'x', 1023);
	big[1023] = 0;
	many[0] = sh;
	for (size_t i = 1; i <= n; i++)
		many[i] = big;
	errno = 0;
	int r = execve(sh, many, environ);
	printf("exec with 5 MB of arguments: %d %s\n", r, strerror(errno));
	free(many);
	free(big);
}

static void spawns(void)
{
	char *argv[] = { sh, "-c", "echo spawned with $# args: $0 $1; exit 5", "zero", "one", 0 };
	pid_t pid;
	int err = posix_spawn(&pid, sh, 0, 0, argv, environ);
	if (err)
		printf("posix_spawn: %s\n", strerror(err));
	else
		wait_for(pid, "posix_spawn");

	fflush(stdout);
	int st = system("echo from system; exit 3");
	show_status("system", st);

	FILE *f = popen("echo popen line one; echo popen line two", "r");
	char line[128];
	while (f && fgets(line, sizeof(line), f))
		printf("read: %s", line);
	show_status("pclose", f ? pclose(f) : -1);

	fflush(stdout);
	pid = vfork();
	if (pid == 0)
		_exit(9);
	wait_for(pid, "vfork child");
}

static void *blocker(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return 0;
}

static void *execer(void *arg)
{
	char **argv = arg;
	execve(argv[0], argv, environ);
	printf("exec from a thread failed: %s\n", strerror(errno));
	fflush(stdout);
	_exit(127);
}

/*
 * execve from the second of three threads: the others end (one blocked, one
 * perhaps still running on another CPU), the new program has one thread, its
 * tid the pid. A few times, as the threads' timing varies.
 */
static void exec_from_thread(char *self)
{
	for (int i = 0; i < 4; i++) {
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			pthread_t a, b;
			char *argv[] = { self, i ? "--quiet-tid-check" : "--tid-check", 0 };
			pthread_create(&a, 0, blocker, 0);
			pthread_create(&b, 0, execer, argv);
			pthread_join(b, 0);
			_exit(126);
		}
		wait_for(pid, "exec from a thread");
	}
}

/* A futex word at the same address in two processes is two futexes: a wake in one wakes nobody in the other. */
static void futex_isolation(void)
{
	static uint32_t word;
	int ready[2];
	if (pipe(ready) < 0)
		return;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		struct timespec limit = { 1, 0 };
		if (write(ready[1], "w", 1) != 1)
			_exit(1);
		long r = syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, &limit, 0, 0);
		printf("child's futex wait: %s\n", r == 0 ? "woken" : strerror(errno));
		fflush(stdout);
		_exit(0);
	}
	char c;
	if (read(ready[0], &c, 1) != 1)
		printf("no word from the child\n");
	usleep(200000); /* the child is waiting by now */
	printf("a wake in the parent woke %ld\n", syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0));
	wait_for(pid, "futex child");
	close(ready[0]);
	close(ready[1]);
}

/* A process-shared semaphore in MAP_SHARED memory the parent has not touched before fork. */
static void shared_semaphore(void)
{
	sem_t *sem = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	sem_t *untouched = (sem_t *)((char *)sem + 4096);
	sem_init(sem, 1, 0);
	int done[2];
	if (pipe(done) < 0)
		return;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		sem_init(untouched, 1, 7);
		usleep(200000);
		sem_post(sem);
		/* Alive until the parent has looked: its SIGCHLD must not be what ends the wait. */
		char c;
		if (read(done[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 3;
	int r = sem_timedwait(sem, &ts);
	printf("a shared semaphore posted by a child: %s\n", r == 0 ? "taken" : strerror(errno));
	if (write(done[1], "x", 1) != 1)
		printf("cannot tell the child\n");
	wait_for(pid, "posting child");
	close(done[0]);
	close(done[1]);
	int v = -1;
	sem_getvalue(untouched, &v);
	printf("a shared page first touched by the child: %d\n", v);
	munmap(sem, 8192);
}

/* Job control: children stopped, seen stopped, continued, seen continued; a signal waits while stopped. */
static void stop_and_continue(void)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	int st;
	kill(pid, SIGSTOP);
	pid_t got = waitpid(pid, &st, WUNTRACED);
	printf("after SIGSTOP: %s, %s\n", got == pid ? "reported" : "not reported",
	       WIFSTOPPED(st) ? strsignal(WSTOPSIG(st)) : "not stopped");
	printf("reported once: %d\n", (int)waitpid(pid, &st, WUNTRACED | WNOHANG));
	kill(pid, SIGTERM);
	usleep(100000);
	printf("SIGTERM while stopped, then: %d\n", (int)waitpid(pid, &st, WNOHANG));
	kill(pid, SIGCONT);
	wait_for(pid, "continued child");

	int go[2];
	if (pipe(go) < 0)
		return;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		raise(SIGTSTP);
		char c;
		_exit(read(go[0], &c, 1) == 1 ? 3 : 4);
	}
	got = waitpid(pid, &st, WUNTRACED);
	printf("after SIGTSTP: %s\n", WIFSTOPPED(st) ? strsignal(WSTOPSIG(st)) : "not stopped");
	kill(pid, SIGCONT);
	siginfo_t info = { 0 };
	int r = waitid(P_PID, (id_t)pid, &info, WCONTINUED);
	printf("waitid after SIGCONT: %d, %s, status %s\n", r, info.si_code == CLD_CONTINUED ? "continued" : "other",
	       strsignal(info.si_status));
	if (write(go[1], "x", 1) != 1)
		printf("cannot tell the child\n");
	wait_for(pid, "child that stopped itself");
	close(go[0]);
	close(go[1]);
}

/* A fork bomb held by RLIMIT_NPROC (as an unprivileged user where the caller is root): EAGAIN, and all survive. */
static void fork_bomb(void)
{
	fflush(stdout);
	pid_t leader = fork();
	if (leader == 0) {
		if (setuid(65534) < 0)
			errno = 0; /* not root: the limit holds for the caller's own user */
		struct rlimit lim = { 16, 16 };
		setrlimit(RLIMIT_NPROC, &lim);
		pid_t kids[64];
		int n = 0, err = 0;
		while (n < 64) {
			pid_t k = fork();
			if (k == 0) {
				pause();
				_exit(0);
			}
			if (k < 0) {
				err = errno;
				break;
			}
			kids[n++] = k;
		}
		printf("fork bomb stopped by: %s\n", err ? strerror(err) : "nothing");
		for (int i = 0; i < n; i++)
			kill(kids[i], SIGKILL);
		for (int i = 0; i < n; i++)
			waitpid(kids[i], 0, 0);
		fflush(stdout);
		_exit(0);
	}
	wait_for(leader, "fork bomb");
}

static void show_ids(const char *when)
{
	uid_t r, e, sv;
	gid_t gr, ge, gs;
	getresuid(&r, &e, &sv);
	getresgid(&gr, &ge, &gs);
	printf("%s: uids %d %d %d, gids %d %d %d, groups %d\n", when, (int)r, (int)e, (int)sv, (int)gr, (int)ge, (int)gs,
	       getgroups(0, 0));
}

/* The set*id rules, in a child (the ids are the caller's user's: the same natively and in the VM). */
static void user_ids(void)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		printf("getuid agrees with getresuid: %s\n", getuid() == geteuid() ? "yes" : "no");
		if (geteuid() != 0) {
			printf("setuid(0) unprivileged: %s\n", setuid(0) < 0 ? strerror(errno) : "allowed");
			fflush(stdout);
			_exit(0);
		}
		printf("setgroups: %d\n", setgroups(0, 0));
		printf("setresgid: %d, setresuid: %d\n", setresgid(100, 100, 100), setresuid(65534, 65534, 0));
		show_ids("after setresuid(65534, 65534, 0)");
		printf("setgroups unprivileged: %s\n", setgroups(0, 0) < 0 ? strerror(errno) : "allowed");
		printf("seteuid(0) back through the saved id: %d\n", seteuid(0));
		printf("setuid(65534) privileged: %d\n", setuid(65534));
		show_ids("after setuid(65534)");
		printf("setuid(0) now: %s; setfsuid(0) gives %d\n", setuid(0) < 0 ? strerror(errno) : "allowed", setfsuid(0));
		fflush(stdout);
		_exit(0);
	}
	wait_for(pid, "ids child");
}

/* prlimit64 on a child, and waitid's struct rusage (glibc's waitid does not pass one: the syscall). */
static void child_limits_and_usage(void)
{
	int go[2];
	if (pipe(go) < 0)
		return;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		if (read(go[0], &c, 1) != 1)
			_exit(1);
		struct rlimit lim;
		getrlimit(RLIMIT_NOFILE, &lim);
		_exit(lim.rlim_cur == 100 && lim.rlim_max == 200 ? 0 : 2);
	}
	struct rlimit set = { 100, 200 }, old;
	printf("prlimit of a child: %s\n", prlimit(pid, RLIMIT_NOFILE, &set, &old) == 0 ? "set" : strerror(errno));
	if (write(go[1], "x", 1) != 1)
		printf("cannot tell the child\n");
	siginfo_t info;
	struct rusage ru;
	memset(&ru, 0xff, sizeof(ru));
	long r = syscall(SYS_waitid, P_PID, pid, &info, WEXITED, &ru);
	printf("waitid: %ld, child exited %d; rusage written: %s\n", r, info.si_status,
	       ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000 && ru.ru_maxrss != -1 ? "yes" : "no");
	close(go[0]);
	close(go[1]);

	/* A child that runs 0.2 s of CPU: once waited for, getrusage and times count it. */
	fflush(stdout);
	struct rusage before;
	getrusage(RUSAGE_CHILDREN, &before);
	pid = fork();
	if (pid == 0) {
		struct timespec t = { 0, 0 };
		while (t.tv_sec == 0 && t.tv_nsec < 200000000)
			clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
		_exit(0);
	}
	waitpid(pid, 0, 0);
	struct rusage after;
	getrusage(RUSAGE_CHILDREN, &after);
	struct tms tms;
	times(&tms);
	double spent = (double)(after.ru_utime.tv_sec - before.ru_utime.tv_sec + after.ru_stime.tv_sec - before.ru_stime.tv_sec) +
		       (double)(after.ru_utime.tv_usec - before.ru_utime.tv_usec + after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6;
	long ticks = (long)(tms.tms_cutime + tms.tms_cstime);
	printf("children's CPU time: getrusage %s, times %s\n", spent >= 0.19 ? "counted" : "missing",
	       ticks >= 19 * sysconf(_SC_CLK_TCK) / 100 ? "counted" : "missing");
}

static void signals_and_groups(void)
{
	struct sigaction sa = { .sa_handler = on_chld };
	sigaction(SIGCHLD, &sa, 0);
	chld_seen = 0;
	pid_t pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	int st;
	printf("WNOHANG while it runs: %d\n", (int)waitpid(pid, &st, WNOHANG));
	setpgid(pid, pid);
	printf("its own group: %s\n", getpgid(pid) == pid ? "yes" : "no");
	kill(pid, SIGKILL);
	wait_for(pid, "killed child");
	printf("SIGCHLD handler ran: %s\n", chld_seen > 0 ? "yes" : "no");
	signal(SIGCHLD, SIG_DFL);

	pid = fork();
	if (pid == 0) {
		pid_t sid = setsid();
		printf("setsid in a child: %s; again: %s\n", sid == getpid() ? "leads" : "failed",
		       setsid() < 0 ? strerror(errno) : "no error");
		fflush(stdout);
		raise(SIGTERM);
		_exit(0);
	}
	wait_for(pid, "child that raised SIGTERM");
	errno = 0;
	int r = (int)wait(&st);
	printf("wait with no children: %d %s\n", r, strerror(errno));
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--after-exec") == 0) {
		int fd = atoi(argv[2]);
		printf("after exec: kept descriptor %s, close-on-exec one %s, VAR=%s\n",
		       fcntl(fd, F_GETFD) >= 0 ? "open" : "closed", fcntl(fd + 1, F_GETFD) >= 0 ? "open" : "closed",
		       getenv("VAR") ? getenv("VAR") : "(unset)");
		return 4;
	}
	if (argc == 2 && strstr(argv[1], "tid-check")) {
		bool same = getpid() == (pid_t)syscall(SYS_gettid);
		if (strcmp(argv[1], "--tid-check") == 0 || !same)
			printf("after exec from a thread: pid is the tid: %s\n", same ? "yes" : "no");
		return 5;
	}
	if (argc != 2)
		return 2;
	setvbuf(stdout, 0, _IOLBF, 0);
	snprintf(dir, sizeof(dir), "%s", argv[1]);
	write_file("plain.txt", "just text\n", 0644);
	write_file("garbage", "\x7f" "ELG and then some", 0755);
	char text[9000];
	char elf32[52] = { 0x7f, 'E', 'L', 'F', 1, 1, 1 }; /* ELFCLASS32: Linux has no loader for it here */
	elf32[16] = 2;                                   /* ET_EXEC */
	elf32[18] = 3;                                   /* EM_386 */
	snprintf(text, sizeof(text), "%s/elf32", dir);
	int e = open(text, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (e < 0 || write(e, elf32, sizeof(elf32)) != (ssize_t)sizeof(elf32) || close(e) < 0)
		printf("cannot write %s\n", text);
	snprintf(text, sizeof(text), "#!%s/loop.sh\n", dir);
	write_file("loop.sh", text, 0755);
	snprintf(text, sizeof(text), "#! %s  -e \necho script args: $0 $1 $2\n", sh);
	write_file("script.sh", text, 0755);

	memory_copies();
	shared_files();

	char script[4300];
	snprintf(script, sizeof(script), "%s/script.sh", dir);
	char *sargv[] = { script, "first", "second", 0 };
	run_exec(sargv, "#! script");

	int keep = open(script, O_RDONLY);
	int gone = open(script, O_RDONLY | O_CLOEXEC);
	char fdarg[16];
	snprintf(fdarg, sizeof(fdarg), "%d", keep);
	setenv("VAR", "passed", 1);
	char *self[] = { argv[0], "--after-exec", fdarg, 0 };
	if (gone == keep + 1)
		run_exec(self, "exec of itself");
	close(keep);
	close(gone);

	exec_from_thread(argv[0]);
	exec_errors();
	spawns();
	futex_isolation();
	shared_semaphore();
	stop_and_continue();
	fork_bomb();
	user_ids();
	child_limits_and_usage();
	signals_and_groups();
	return 0;
}
