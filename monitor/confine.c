/*
 * Confinement, as Solo5's tender does it after set-up: a seccomp filter of
 * our own (classic BPF) lets the monitor make only the system calls its vCPU
 * loop, hypercall handlers, I/O and network threads and exit paths make. A
 * guest that found a hole in the monitor would still not exec, fork, open
 * sockets, ptrace, mount or reach other processes. A call outside the list
 * traps (SIGSYS): uhyve-run says which and ends with 125.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/kvm.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#include "confine.h"
#include "log.h"

void close_inherited(void)
{
	if (syscall(SYS_close_range, 3U, ~0U, 0U) == 0)
		return;
	for (long fd = sysconf(_SC_OPEN_MAX) - 1; fd > 2; fd--)
		close((int)fd);
}

/* What the monitor calls once its guest runs: read from its code, checked with strace. */
static const int allowed[] = {
	/* threads, memory, signals, time, exit */
	SYS_futex, SYS_mmap, SYS_munmap, SYS_mprotect, SYS_madvise, SYS_brk, SYS_mremap,
	SYS_set_robust_list, SYS_rseq, SYS_rt_sigprocmask, SYS_rt_sigreturn, SYS_rt_sigaction,
	SYS_sigaltstack, SYS_sched_yield, SYS_sched_getaffinity, SYS_sched_setaffinity, SYS_getcpu,
	SYS_getpid, SYS_gettid, SYS_tgkill, SYS_clock_gettime, SYS_gettimeofday, SYS_time,
	SYS_clock_nanosleep, SYS_nanosleep, SYS_restart_syscall, SYS_exit, SYS_exit_group,
	SYS_getrandom,
	/* descriptors, waiting */
	SYS_read, SYS_write, SYS_close, SYS_poll, SYS_ppoll, SYS_fcntl, SYS_lseek,
	/* the file hypercalls */
	SYS_openat, SYS_openat2, SYS_pread64, SYS_pwrite64, SYS_readv, SYS_writev, SYS_preadv,
	SYS_pwritev, SYS_preadv2, SYS_pwritev2, SYS_getdents64, SYS_fstat, SYS_newfstatat, SYS_statx,
	SYS_fstatfs, SYS_statfs, SYS_readlink, SYS_readlinkat, SYS_mkdirat, SYS_unlinkat,
	SYS_renameat, SYS_renameat2, SYS_linkat, SYS_symlinkat, SYS_chmod, SYS_fchmod, SYS_fchmodat,
	SYS_chown, SYS_fchown, SYS_fchownat, SYS_faccessat, SYS_faccessat2, SYS_access, SYS_utimensat,
	SYS_ftruncate, SYS_fallocate, SYS_fsync, SYS_fdatasync, SYS_flock, SYS_sendfile,
	SYS_copy_file_range,
};

/* ioctl's requests: the vCPUs' (an AP starts after set-up), the guest's interrupts, the streams'. */
static const unsigned long ioctls[] = {
	KVM_RUN, KVM_GET_REGS, KVM_SET_REGS, KVM_GET_SREGS, KVM_SET_SREGS, KVM_SET_CPUID2,
	KVM_GET_SUPPORTED_CPUID, KVM_SET_MP_STATE, KVM_SIGNAL_MSI, TCGETS, TIOCGWINSZ, FIONREAD,
};

#define N_ALLOWED (sizeof(allowed) / sizeof(allowed[0]))
#define N_IOCTLS (sizeof(ioctls) / sizeof(ioctls[0]))
#define ARG_LO(n) (offsetof(struct seccomp_data, args) + 8 * (n))

/* n in decimal, written backwards from end (async-signal-safe); where it starts. */
static char *decimal(char *end, unsigned long n)
{
	do
		*--end = (char)('0' + n % 10);
	while (n /= 10);
	return end;
}

/* One line saying which call, then the status uhyve-run's own failures have. */
static void denied(int sig, siginfo_t *info, void *ctx)
{
	(void)sig;
	(void)ctx;
	static const char head[] = "uhyve-run: system call ", tail[] = " is outside the monitor's seccomp filter; stopping\n";
	char num[24], *at = decimal(num + sizeof(num), (unsigned long)info->si_syscall);
	if (write(STDERR_FILENO, head, sizeof(head) - 1) < 0 ||
	    write(STDERR_FILENO, at, (size_t)(num + sizeof(num) - at)) < 0 ||
	    write(STDERR_FILENO, tail, sizeof(tail) - 1) < 0)
		_exit(EXIT_MONITOR_FAILED);
	_exit(EXIT_MONITOR_FAILED);
}

/* The filter under construction: instructions, and where the two verdicts at its end will be. */
struct filter {
	struct sock_filter code[8 + N_ALLOWED + 5 + N_IOCTLS + 2];
	unsigned n, trap, allow;
};

static void stmt(struct filter *f, uint16_t code, uint32_t k)
{
	f->code[f->n++] = (struct sock_filter)BPF_STMT(code, k);
}

/* A conditional jump to instruction indexes jt and jf (absolute; 0 for the next one). */
static void jump(struct filter *f, uint16_t code, uint32_t k, unsigned jt, unsigned jf)
{
	unsigned next = f->n + 1;
	f->code[f->n] = (struct sock_filter)BPF_JUMP(code, k, (uint8_t)(jt ? jt - next : 0), (uint8_t)(jf ? jf - next : 0));
	f->n++;
}

void confine(void)
{
	struct filter f = { .n = 0 };
	f.trap = sizeof(f.code) / sizeof(f.code[0]) - 2;
	f.allow = f.trap + 1;
	stmt(&f, BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	jump(&f, BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, f.n + 2, 0);
	stmt(&f, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
	stmt(&f, BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	jump(&f, BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, f.n + 2); /* x32 calls */
	stmt(&f, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
	/* clone3's flags are out of the filter's reach: "missing", glibc falls back to clone. */
	jump(&f, BPF_JMP | BPF_JEQ | BPF_K, SYS_clone3, 0, f.n + 2);
	stmt(&f, BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS);
	for (unsigned i = 0; i < N_ALLOWED; i++)
		jump(&f, BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)allowed[i], f.allow, 0);
	/* clone makes threads only: no process. */
	jump(&f, BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, 0, f.n + 3);
	stmt(&f, BPF_LD | BPF_W | BPF_ABS, ARG_LO(0));
	jump(&f, BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, f.allow, f.trap);
	jump(&f, BPF_JMP | BPF_JEQ | BPF_K, SYS_ioctl, 0, f.trap);
	stmt(&f, BPF_LD | BPF_W | BPF_ABS, ARG_LO(1));
	for (unsigned i = 0; i < N_IOCTLS; i++)
		jump(&f, BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)ioctls[i], f.allow, 0);
	stmt(&f, BPF_RET | BPF_K, SECCOMP_RET_TRAP);
	stmt(&f, BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	if (f.n != f.allow + 1)
		die(EXIT_MONITOR_FAILED, "the seccomp filter is %u instructions, not %u", f.n, f.allow + 1);
	struct sock_fprog prog = { .len = (unsigned short)f.n, .filter = f.code };

	struct sigaction sa = { .sa_sigaction = denied, .sa_flags = SA_SIGINFO };
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSYS, &sa, NULL) < 0 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog) != 0)
		die(EXIT_MONITOR_FAILED, "cannot confine the monitor (seccomp): %s", strerror(errno));
}
