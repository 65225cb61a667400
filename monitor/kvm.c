/* The KVM virtual machine: memory, an in-kernel APIC, the vCPUs and their run loops. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "cocoon/hypercall.h"
#include "handlers.h"
#include "kvm_internal.h"
#include "log.h"
#include "vm.h"

static struct vm *the_vm;
/* What modules gave the core to call (see vm.h). */
static void (*end_hook)(struct guest *g);
static void (*kill_hook)(void);

void vm_at_end(void (*fn)(struct guest *g))
{
	end_hook = fn;
}

_Noreturn void vm_end(struct guest *g, int status)
{
	if (end_hook)
		end_hook(g);
	exit(status);
}

void vm_at_kill(void (*fn)(void))
{
	kill_hook = fn;
}

static void vcpu_create(struct vm *vm, unsigned id)
{
	struct vcpu *v = &vm->cpus[id];
	v->fd = ioctl(vm->vm, KVM_CREATE_VCPU, (unsigned long)id);
	if (v->fd < 0)
		die(EXIT_MONITOR_FAILED, "KVM_CREATE_VCPU: %s", strerror(errno));
	int run_size = ioctl(vm->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (run_size < (int)sizeof(struct kvm_run))
		die(EXIT_MONITOR_FAILED, "KVM_GET_VCPU_MMAP_SIZE: %s", strerror(errno));
	v->run = mmap(NULL, (size_t)run_size, PROT_READ | PROT_WRITE, MAP_SHARED, v->fd, 0);
	if (v->run == MAP_FAILED)
		die(EXIT_MONITOR_FAILED, "cannot map the vCPU state: %s", strerror(errno));
}

/* Where uhyve-run may run: every thread it makes may, though its maker may be pinned (tap.c). */
static cpu_set_t host_cpus;

struct vm *vm_create(uint64_t mem_size, unsigned ncpus)
{
	struct vm *vm = calloc(1, sizeof(*vm));
	if (!vm)
		die(EXIT_MONITOR_FAILED, "out of memory");

	if (sched_getaffinity(0, sizeof(host_cpus), &host_cpus) < 0)
		CPU_ZERO(&host_cpus);
	vm->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (vm->kvm < 0)
		die(EXIT_MONITOR_FAILED, "cannot open /dev/kvm: %s", strerror(errno));
	if (ioctl(vm->kvm, KVM_GET_API_VERSION, 0) != KVM_API_VERSION)
		die(EXIT_MONITOR_FAILED, "unsupported KVM API version");
	int max = ioctl(vm->kvm, KVM_CHECK_EXTENSION, KVM_CAP_MAX_VCPUS);
	if (max > 0 && ncpus > (unsigned)max)
		die(EXIT_MONITOR_FAILED, "--cpus %u: this host's KVM allows at most %d", ncpus, max);
	vm->vm = ioctl(vm->kvm, KVM_CREATE_VM, 0);
	if (vm->vm < 0)
		die(EXIT_MONITOR_FAILED, "KVM_CREATE_VM: %s", strerror(errno));
	/* Intel needs a TSS page for its real-mode emulation; keep it outside RAM. */
	if (ioctl(vm->vm, KVM_SET_TSS_ADDR, 0xfffbd000UL) < 0 && errno != EINVAL)
		die(EXIT_MONITOR_FAILED, "KVM_SET_TSS_ADDR: %s", strerror(errno));
	/*
	 * Local APICs in KVM: the guest's timer and IPIs, and halts that sleep in
	 * the host. Only those (a "split" irqchip: no PIC, no IOAPIC): with the
	 * full irqchip kvm-pvm takes milliseconds to add memory or to end the VM.
	 */
	struct kvm_enable_cap cap = { .cap = KVM_CAP_SPLIT_IRQCHIP, .args = { 24 } };
	if (ioctl(vm->vm, KVM_ENABLE_CAP, &cap) < 0)
		die(EXIT_MONITOR_FAILED, "KVM_CAP_SPLIT_IRQCHIP: %s", strerror(errno));

	/* Untouched guest pages cost the host nothing. */
	vm->g.size = mem_size;
	vm->g.mem = mmap(NULL, mem_size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (vm->g.mem == MAP_FAILED)
		die(EXIT_MONITOR_FAILED, "cannot map %llu bytes of guest memory: %s",
		    (unsigned long long)mem_size, strerror(errno));
	struct kvm_userspace_memory_region region = {
		.slot = 0,
		.guest_phys_addr = 0,
		.memory_size = mem_size,
		.userspace_addr = (uint64_t)(uintptr_t)vm->g.mem,
	};
	if (ioctl(vm->vm, KVM_SET_USER_MEMORY_REGION, &region) < 0)
		die(EXIT_MONITOR_FAILED, "KVM_SET_USER_MEMORY_REGION: %s", strerror(errno));

	vm->ncpus = ncpus;
	for (unsigned i = 0; i < ncpus; i++)
		vcpu_create(vm, i);
	the_vm = vm;
	return vm;
}

bool kvm_is_pvm(void)
{
	return access("/sys/module/kvm_pvm", F_OK) == 0;
}

struct guest *vm_guest(struct vm *vm)
{
	return &vm->g;
}

uint32_t vm_tsc_khz(struct vm *vm)
{
	int khz = ioctl(vm->cpus[0].fd, KVM_GET_TSC_KHZ, 0);
	return khz > 0 ? (uint32_t)khz : 0;
}

/* KVM could not run the guest, typically an instruction it had to emulate and could not. */
static void vm_report_internal_error(struct vcpu *v)
{
	struct kvm_regs regs;
	if (ioctl(v->fd, KVM_GET_REGS, &regs) < 0)
		regs.rip = 0;
	warnx_("KVM internal error %u at guest rip 0x%llx%s", v->run->internal.suberror,
	       (unsigned long long)regs.rip,
	       v->run->internal.suberror == KVM_INTERNAL_ERROR_EMULATION ? " (instruction emulation failed)" : "");
}

/* A port write from the guest: a hypercall if it is one of ours. */
static int vm_port_out(struct vm *vm, struct vcpu *v)
{
	struct kvm_run *run = v->run;
	if (run->io.direction != KVM_EXIT_IO_OUT || run->io.count != 1) {
		warnx_("guest accessed unknown I/O port 0x%x", run->io.port);
		return EXIT_MONITOR_FAILED;
	}
	uint32_t value = 0;
	memcpy(&value, (uint8_t *)run + run->io.data_offset, run->io.size < 4 ? run->io.size : 4);
	return vm_port_call(&vm->g, run->io.port, run->io.size, value);
}

/* Run one vCPU until the guest exits or fails; the status to exit with. */
static int vcpu_loop(struct vm *vm, struct vcpu *v)
{
	for (;;) {
		if (ioctl(v->fd, KVM_RUN, 0) < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			die(EXIT_MONITOR_FAILED, "KVM_RUN: %s", strerror(errno));
		}
		int status;
		switch (v->run->exit_reason) {
		case KVM_EXIT_IO:
			status = vm_port_out(vm, v);
			if (status >= 0)
				return status;
			break;
		case KVM_EXIT_HLT:
			warnx_("the guest halted without exiting");
			return EXIT_MONITOR_FAILED;
		case KVM_EXIT_SHUTDOWN:
			warnx_("the guest kernel triple-faulted");
			return EXIT_MONITOR_FAILED;
		case KVM_EXIT_MMIO:
			warnx_("the guest touched unbacked memory at 0x%llx",
			       (unsigned long long)v->run->mmio.phys_addr);
			return EXIT_MONITOR_FAILED;
		case KVM_EXIT_FAIL_ENTRY:
			warnx_("KVM could not enter the guest (reason 0x%llx)",
			       (unsigned long long)v->run->fail_entry.hardware_entry_failure_reason);
			return EXIT_MONITOR_FAILED;
		case KVM_EXIT_INTERNAL_ERROR:
			vm_report_internal_error(v);
			return EXIT_MONITOR_FAILED;
		default:
			warnx_("unexpected KVM exit %u", v->run->exit_reason);
			return EXIT_MONITOR_FAILED;
		}
	}
}

/* A vCPU other than the boot one: its own thread; the whole monitor ends with the guest. */
static void *ap_thread(void *arg)
{
	struct vcpu *v = arg;
	struct vm *vm = the_vm;
	vcpu_setup_long_mode(vm, v, v->start.cr3);
	struct kvm_regs regs = {
		.rip = v->start.rip,
		.rsp = v->start.rsp,
		.rdi = v->start.rdi,
		.rsi = v->start.rsi,
		.rflags = 0x2,
	};
	struct kvm_mp_state mp = { .mp_state = KVM_MP_STATE_RUNNABLE };
	if (ioctl(v->fd, KVM_SET_REGS, &regs) < 0 || ioctl(v->fd, KVM_SET_MP_STATE, &mp) < 0)
		die(EXIT_MONITOR_FAILED, "cannot start vCPU %u: %s", v->start.cpu, strerror(errno));
	vm_end(&vm->g, vcpu_loop(vm, v));
}

static int spawn(pthread_t *t, void *(*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	if (CPU_COUNT(&host_cpus))
		pthread_attr_setaffinity_np(&attr, sizeof(host_cpus), &host_cpus);
	int err = pthread_create(t, &attr, fn, arg);
	pthread_attr_destroy(&attr);
	return err;
}

int vm_start_cpu(const struct hc_cpu_start *req)
{
	struct vm *vm = the_vm;
	if (req->cpu == 0 || req->cpu >= vm->ncpus)
		return -EINVAL;
	struct vcpu *v = &vm->cpus[req->cpu];
	if (v->started)
		return -EBUSY;
	v->start = *req;
	v->started = true;
	int err = spawn(&v->thread, ap_thread, v);
	return err ? -err : 0;
}

static struct boot_info *signal_word_page;

void vm_interrupt(unsigned vector)
{
	struct kvm_msi msi = { .address_lo = 0xfee00000, .data = vector };
	ioctl(the_vm->vm, KVM_SIGNAL_MSI, &msi);
}

void vm_port_eventfd(unsigned port, int fd)
{
	struct kvm_ioeventfd io = { .addr = port, .len = 4, .fd = fd, .flags = KVM_IOEVENTFD_FLAG_PIO };
	if (port == HC_NET_KICK_PORT)
		dispatch_kick_fd(fd);
	if (ioctl(the_vm->vm, KVM_IOEVENTFD, &io) < 0)
		return; /* the port exit then kicks (vm_port_out) */
}

int vm_spawn(void *(*fn)(void *))
{
	/* Signals for the program are the vCPU threads' business, never a helper thread's. */
	sigset_t all, old;
	sigfillset(&all);
	/* But the seccomp filter's SIGSYS: blocked, it would kill without saying why (confine.c). */
	sigdelset(&all, SIGSYS);
	pthread_t t;
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int err = spawn(&t, fn, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return err;
}

/* A signal to uhyve-run: note it for the guest and interrupt its first CPU. */
static int signal_fd = -1; /* counts forwarded signals, for vm_wait_ready */
static int stop_fd[2] = { -1, -1 }; /* stop signals for the watchdog (stop_watch) */

#define STOP_GRACE_MS 2000 /* how long the guest has to take a stop signal */

static bool stop_signal(int sig)
{
	return sig == SIGINT || sig == SIGTERM || sig == SIGHUP || sig == SIGQUIT;
}

/*
 * The guest is stuck: end it as the signal would, with what it wrote still
 * held in the kernel's write-behind block written out. Async-signal-safe:
 * the hooks write with pwrite/write and nothing else.
 */
static _Noreturn void stop_now(int sig, const char *why)
{
	static const char head[] = "uhyve-run: the guest did not take the signal ";
	char msg[160];
	size_t n = 0;
	for (const char *p = head; *p && n < sizeof(msg); p++)
		msg[n++] = *p;
	for (const char *p = why; *p && n < sizeof(msg) - 1; p++)
		msg[n++] = *p;
	msg[n++] = '\n';
	if (kill_hook)
		kill_hook();
	if (end_hook)
		end_hook(&the_vm->g);
	if (write(STDERR_FILENO, msg, n) < 0)
		_exit(128 + sig); /* the same status without the message */
	_exit(128 + sig);
}

/* Hand a stop signal's bit in host_signals to the watchdog (stop_watch). */
static void watch(int index)
{
	unsigned char s = (unsigned char)index;
	if (write(stop_fd[1], &s, 1) < 0)
		return; /* a full pipe has one waiting already */
}

/*
 * One the terminal sent (^C, ^\, a new window size: si_code SI_KERNEL) is
 * for the terminal's foreground process group in the guest; another (kill)
 * for the program.
 */
static void forward_signal(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	bool terminal = si->si_code == SI_KERNEL && signal_word_page->terminal_streams &&
			(sig == SIGINT || sig == SIGQUIT || sig == SIGWINCH);
	int index = sig - 1 + (terminal ? BOOT_TERMINAL_SIGNAL : 0);
	uint64_t bit = 1ULL << index;
	/* The same stop request again before the guest took the first: it is stuck, stop it here. */
	if ((__atomic_fetch_or(&signal_word_page->host_signals, bit, __ATOMIC_SEQ_CST) & bit) && stop_signal(sig))
		stop_now(sig, "before the next one; stopping it");
	vm_interrupt(BOOT_SIGNAL_VECTOR);
	/* The first one too, unless the guest takes it in time: a guest spinning with interrupts off never does. */
	if (stop_signal(sig))
		watch(index);
	uint64_t one = 1;
	if (write(signal_fd, &one, sizeof(one)) < 0)
		return; /* the count is only a wake-up: a full one wakes as well */
}

/* The watchdog thread: a stop signal the guest has not taken after STOP_GRACE_MS ends uhyve-run. */
static void *stop_watch(void *arg)
{
	(void)arg;
	for (;;) {
		unsigned char index;
		if (read(stop_fd[0], &index, 1) != 1)
			continue;
		uint64_t bit = 1ULL << index;
		int sig = index % BOOT_TERMINAL_SIGNAL + 1;
		for (int waited = 0; waited < STOP_GRACE_MS; waited += 10) {
			struct timespec tick = { 0, 10 * 1000000 };
			nanosleep(&tick, NULL);
			if (!(__atomic_load_n(&signal_word_page->host_signals, __ATOMIC_SEQ_CST) & bit))
				break;
		}
		if (__atomic_load_n(&signal_word_page->host_signals, __ATOMIC_SEQ_CST) & bit)
			stop_now(sig, "within 2 s; stopping it");
	}
	return NULL;
}

int vm_wait_ready(int fd, short events)
{
	for (;;) {
		struct pollfd p[2] = { { fd, events, 0 }, { signal_fd, POLLIN, 0 } };
		int n = poll(p, signal_fd >= 0 ? 2 : 1, -1);
		if (n < 0 && errno != EINTR)
			return 0; /* the transfer will say what is wrong */
		if ((n < 0 || (p[1].revents & POLLIN)) && vm_signals_pending()) {
			errno = EINTR;
			return -1;
		}
		uint64_t count;
		/* Signals the guest has taken already: nothing to wait for. */
		if (n > 0 && (p[1].revents & POLLIN) && read(signal_fd, &count, sizeof(count)) < 0)
			return 0;
		if (n > 0 && p[0].revents)
			return 0;
	}
}

bool vm_signals_pending(void)
{
	return signal_word_page && __atomic_load_n(&signal_word_page->host_signals, __ATOMIC_SEQ_CST);
}

void vm_forward_signals(struct vm *vm)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM, SIGWINCH };
	signal_word_page = guest_ptr(&vm->g, BOOT_INFO_GPA, sizeof(struct boot_info));
	signal_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	/* The handler's end never blocks; the watchdog's waits. */
	if (pipe2(stop_fd, O_CLOEXEC | O_NONBLOCK) < 0 || fcntl(stop_fd[0], F_SETFL, 0) < 0)
		die(EXIT_MONITOR_FAILED, "cannot make the signal watchdog's pipe: %s", strerror(errno));
	int err = vm_spawn(stop_watch);
	if (err)
		die(EXIT_MONITOR_FAILED, "cannot start the signal watchdog: %s", strerror(err));
	/* No SA_RESTART: a host read the guest waits in must end for the guest to see the signal. */
	struct sigaction sa = { .sa_sigaction = forward_signal, .sa_flags = SA_SIGINFO };
	sigemptyset(&sa.sa_mask);
	/* One ignored when uhyve-run started is ignored by the program too, as exec keeps it. */
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			signal_word_page->ignored_signals |= 1ULL << (sigs[i] - 1);
		sigaction(sigs[i], &sa, NULL);
	}
}

int vm_run(struct vm *vm)
{
	return vcpu_loop(vm, &vm->cpus[0]);
}
