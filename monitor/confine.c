/*
 * Confinement, as Solo5's tender does it after set-up: a seccomp filter of
 * our own (classic BPF) lets the monitor make only the system calls its vCPU
 * loop, hypercall handlers, I/O and network threads and exit paths make. A
 * guest that found a hole in the monitor would still not exec, fork, open
 * sockets, ptrace, mount or reach other processes. A call outside the list
 * traps (SIGSYS): uhyve-run says which and ends with 125.
 *
 * The rewrite server gets a filter of its own, a list of calls refused
 * (EPERM) rather than allowed: it runs cocoon-rewrite, whose calls (its
 * loader's, libc's, capstone's) are neither ours nor fixed. What it refuses
 * is what the confined monitor cannot do either and neither process needs,
 * so a rewriter that a crafted library took over reaches no more than a
 * guest that took over the monitor: no network, no other process's memory.
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

void close_from(unsigned first)
{
	if (syscall(SYS_close_range, first, ~0U, 0U) == 0)
		return;
	for (long fd = sysconf(_SC_OPEN_MAX) - 1; fd >= (long)first; fd--)
		close((int)fd);
}

void close_inherited(void)
{
	close_from(3);
}

/* What the monitor calls once its guest runs: read from its code, checked with strace. */
static const int allowed[] = {
	/* threads, memory, signals, time, exit */
	SYS_futex, SYS_mmap, SYS_munmap, SYS_mprotect, SYS_madvise, SYS_brk, SYS_mremap,
	SYS_set_robust_list, SYS_rseq, SYS_rt_sigprocmask, SYS_rt_sigreturn, SYS_rt_sigaction,
	SYS_sigaltstack, SYS_sched_yield, SYS_sched_getaffinity, SYS_sched_setaffinity, SYS_getcpu,
	SYS_getpid, SYS_gettid, SYS_geteuid, SYS_tgkill, SYS_clock_gettime, SYS_gettimeofday, SYS_time,
	SYS_clock_nanosleep, SYS_nanosleep, SYS_restart_syscall, SYS_exit, SYS_exit_group,
	SYS_getrandom,
	/* descriptors, waiting; the rewrite server's socket (made before) */
	SYS_read, SYS_write, SYS_close, SYS_poll, SYS_ppoll, SYS_fcntl, SYS_lseek, SYS_sendmsg, SYS_recvmsg,
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
	KVM_GET_SUPPORTED_CPUID, KVM_SET_MP_STATE, KVM_SIGNAL_MSI, TCGETS, TCSETS, TCSETSW, TCSETSF, TIOCGWINSZ, FIONREAD,
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

/*
 * What the rewrite server and the cocoon-rewrite it runs never need, and a
 * rewriter taken over by a crafted library would want: no socket of its own
 * (the server's is made before), nothing of other processes, no namespaces,
 * mounts or io_uring (whose calls the filter would not see), nothing of
 * the kernel's administration.
 */
static const int denied_to_helper[] = {
	SYS_socket, SYS_socketpair, SYS_connect, SYS_bind, SYS_listen, SYS_accept, SYS_accept4,
	SYS_ptrace, SYS_process_vm_readv, SYS_process_vm_writev, SYS_pidfd_getfd, SYS_kcmp,
	SYS_unshare, SYS_setns, SYS_mount, SYS_umount2, SYS_pivot_root, SYS_chroot, SYS_open_tree,
	SYS_move_mount, SYS_fsopen, SYS_fsconfig, SYS_fsmount, SYS_fspick, SYS_mount_setattr,
	SYS_io_uring_setup, SYS_io_uring_enter, SYS_io_uring_register, SYS_bpf, SYS_perf_event_open,
	SYS_userfaultfd, SYS_keyctl, SYS_add_key, SYS_request_key, SYS_init_module, SYS_finit_module,
	SYS_delete_module, SYS_kexec_load, SYS_kexec_file_load, SYS_reboot, SYS_swapon, SYS_swapoff,
	SYS_acct, SYS_quotactl, SYS_iopl, SYS_ioperm, SYS_syslog, SYS_settimeofday, SYS_clock_settime,
	SYS_adjtimex, SYS_clock_adjtime, SYS_sethostname, SYS_setdomainname, SYS_vhangup,
	SYS_open_by_handle_at, SYS_name_to_handle_at, SYS_fanotify_init, SYS_personality,
};
#define N_DENIED (sizeof(denied_to_helper) / sizeof(denied_to_helper[0]))
#define CLONE_NEW_ANY (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET)

/* Each filter's length: the common start, its list, clone's and ioctl's checks, two verdicts. */
#define HEAD 8
#define MONITOR_FILTER (HEAD + N_ALLOWED + 3 + 2 + N_IOCTLS + 2)
#define HELPER_FILTER (HEAD + N_DENIED + 3 + 3 + 2)
#define FILTER_MAX (MONITOR_FILTER > HELPER_FILTER ? MONITOR_FILTER : HELPER_FILTER)
_Static_assert(FILTER_MAX <= 256, "a filter's jumps reach its verdicts at its end (8-bit offsets)");

/* A filter under construction: its instructions, and where the two verdicts at its end will be. */
struct filter {
	struct sock_filter code[FILTER_MAX];
	unsigned n, size, refuse, allow;
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

/* The calls numbered in list (n of them) go to instruction target. */
static void each(struct filter *f, const int *list, unsigned n, unsigned target)
{
	for (unsigned i = 0; i < n; i++)
		jump(f, BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)list[i], target, 0);
}

/* Call nr goes to jt or jf as its argument arg passes test (BPF_JSET, BPF_JEQ) with k; others to other (0: on). */
static void by_arg(struct filter *f, uint32_t nr, unsigned arg, uint16_t test, uint32_t k, unsigned jt, unsigned jf,
		   unsigned other)
{
	jump(f, BPF_JMP | BPF_JEQ | BPF_K, nr, 0, other ? other : f->n + 3);
	stmt(f, BPF_LD | BPF_W | BPF_ABS, ARG_LO(arg));
	jump(f, BPF_JMP | test | BPF_K, k, jt, jf);
}

/* Start a filter of size instructions: other architectures and x32 calls end the process; clone3 is "missing". */
static void begin(struct filter *f, unsigned size)
{
	*f = (struct filter){ .size = size, .refuse = size - 2, .allow = size - 1 };
	stmt(f, BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	jump(f, BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, f->n + 2, 0);
	stmt(f, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
	stmt(f, BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	jump(f, BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, f->n + 2); /* x32 calls */
	stmt(f, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
	/* clone3's flags are out of the filter's reach: "missing", glibc falls back to clone. */
	jump(f, BPF_JMP | BPF_JEQ | BPF_K, SYS_clone3, 0, f->n + 2);
	stmt(f, BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS);
}

/* End it with its verdicts (refusal for the calls refused) and install it, with no_new_privs, on every thread. */
static int install(struct filter *f, uint32_t refusal)
{
	stmt(f, BPF_RET | BPF_K, refusal);
	stmt(f, BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	if (f->n != f->size)
		die(EXIT_MONITOR_FAILED, "the seccomp filter is %u instructions, not %u", f->n, f->size);
	struct sock_fprog prog = { .len = (unsigned short)f->n, .filter = f->code };
	return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ? -1
	       : (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog);
}

void confine(void)
{
	struct filter f;
	begin(&f, MONITOR_FILTER);
	each(&f, allowed, N_ALLOWED, f.allow);
	/* clone makes threads only: no process. */
	by_arg(&f, SYS_clone, 0, BPF_JSET, CLONE_THREAD, f.allow, f.refuse, 0);
	jump(&f, BPF_JMP | BPF_JEQ | BPF_K, SYS_ioctl, 0, f.refuse);
	stmt(&f, BPF_LD | BPF_W | BPF_ABS, ARG_LO(1));
	for (unsigned i = 0; i < N_IOCTLS; i++)
		jump(&f, BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)ioctls[i], f.allow, 0);
	struct sigaction sa = { .sa_sigaction = denied, .sa_flags = SA_SIGINFO };
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSYS, &sa, NULL) < 0 || install(&f, SECCOMP_RET_TRAP) != 0)
		die(EXIT_MONITOR_FAILED, "cannot confine the monitor (seccomp): %s", strerror(errno));
}

int confine_helper(void)
{
	struct filter f;
	begin(&f, HELPER_FILTER);
	each(&f, denied_to_helper, N_DENIED, f.refuse);
	/* clone makes processes and threads, in no new namespace. */
	by_arg(&f, SYS_clone, 0, BPF_JSET, CLONE_NEW_ANY, f.refuse, f.allow, 0);
	/* No typing into a terminal it might reach. */
	by_arg(&f, SYS_ioctl, 1, BPF_JEQ, TIOCSTI, f.refuse, f.allow, f.allow);
	return install(&f, SECCOMP_RET_ERRNO | EPERM);
}
