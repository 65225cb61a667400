/*
 * The rewriter's fixture: the syscall sites of sites.S, each printing whether the kernel
 * was trapped into or called ("trap" or "direct", from the RCX the syscall left), and a
 * blocking futex wait restarted after a SA_RESTART handler interrupted it.
 */
#include "../progs/nolibc.h"

long next_is_target(int n, long *rcx);
long write_rip_before(long *rcx);
long getppid_rip_after(long *rcx);
long kept(long *rcx);
long futex_restart(unsigned *word, long *rcx);
void restorer(void);
_Noreturn void exit_at_end(int status);

#define SIGALRM 14
#define SA_RESTART 0x10000000
#define SA_RESTORER 0x04000000

struct ksigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask;
};

static volatile unsigned word;
static long handled;

static void on_alarm(int sig)
{
	handled += sig == SIGALRM;
	word = 1;
}

/* How the syscall that left RCX was made: the trampoline's call is ff 15 rel32. */
static const char *path(long rcx)
{
	const unsigned char *p = (const unsigned char *)rcx;
	if (p[-2] == 0x0f && p[-1] == 0x05)
		return "trap";
	return p[-6] == 0xff && p[-5] == 0x15 ? "direct" : "unknown";
}

static void report(const char *what, long ok, long rcx)
{
	out(what);
	out(ok ? " ok " : " WRONG ");
	out(path(rcx));
	out("\n");
}

void _start_c(void);
void _start_c(void)
{
	long rcx = 0, ret;
	long pid = sys3(39, 0, 0, 0), ppid = sys3(110, 0, 0, 0);
	ret = next_is_target(3, &rcx);
	report("next_is_target", ret == pid, rcx);
	ret = write_rip_before(&rcx);
	report("write_rip_before", ret == 28, rcx);
	ret = getppid_rip_after(&rcx);
	report("getppid_rip_after", ret == ppid, rcx);
	ret = kept(&rcx);
	report("kept", ret == pid, rcx);

	struct ksigaction act = {on_alarm, SA_RESTART | SA_RESTORER, restorer, 0};
	sys6(13, SIGALRM, (long)&act, 0, 8, 0, 0);
	long timer[4] = {0, 0, 0, 50000}; /* it_interval, it_value: 50 ms */
	sys3(38, 0, (long)timer, 0);
	ret = futex_restart((unsigned *)&word, &rcx);
	report("futex_restart", ret == -11 /* EAGAIN: restarted, not EINTR */ && handled == 1, rcx);
	line("handler_runs", handled);
	exit_at_end(7);
}

__asm__(".globl _start\n_start:\n\tand $-16, %rsp\n\tcall _start_c\n\tud2\n");
