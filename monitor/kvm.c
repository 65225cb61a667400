/* The KVM virtual machine: memory, one vCPU and its run loop. */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cocoon/hypercall.h"
#include "kvm_internal.h"
#include "monitor.h"

struct vm *vm_create(uint64_t mem_size)
{
	struct vm *vm = calloc(1, sizeof(*vm));
	if (!vm)
		die(EXIT_MONITOR_FAILED, "out of memory");

	vm->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (vm->kvm < 0)
		die(EXIT_MONITOR_FAILED, "cannot open /dev/kvm: %s", strerror(errno));
	if (ioctl(vm->kvm, KVM_GET_API_VERSION, 0) != KVM_API_VERSION)
		die(EXIT_MONITOR_FAILED, "unsupported KVM API version");
	vm->vm = ioctl(vm->kvm, KVM_CREATE_VM, 0);
	if (vm->vm < 0)
		die(EXIT_MONITOR_FAILED, "KVM_CREATE_VM: %s", strerror(errno));
	/* Intel needs a TSS page for its real-mode emulation; keep it outside RAM. */
	if (ioctl(vm->vm, KVM_SET_TSS_ADDR, 0xfffbd000UL) < 0 && errno != EINVAL)
		die(EXIT_MONITOR_FAILED, "KVM_SET_TSS_ADDR: %s", strerror(errno));

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

	vm->vcpu = ioctl(vm->vm, KVM_CREATE_VCPU, 0);
	if (vm->vcpu < 0)
		die(EXIT_MONITOR_FAILED, "KVM_CREATE_VCPU: %s", strerror(errno));
	int run_size = ioctl(vm->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (run_size < (int)sizeof(struct kvm_run))
		die(EXIT_MONITOR_FAILED, "KVM_GET_VCPU_MMAP_SIZE: %s", strerror(errno));
	vm->run = mmap(NULL, (size_t)run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vm->vcpu, 0);
	if (vm->run == MAP_FAILED)
		die(EXIT_MONITOR_FAILED, "cannot map the vCPU state: %s", strerror(errno));
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

/* KVM could not run the guest, typically an instruction it had to emulate and could not. */
static void vm_report_internal_error(struct vm *vm)
{
	struct kvm_regs regs;
	if (ioctl(vm->vcpu, KVM_GET_REGS, &regs) < 0)
		regs.rip = 0;
	warnx_("KVM internal error %u at guest rip 0x%llx%s", vm->run->internal.suberror,
	       (unsigned long long)regs.rip,
	       vm->run->internal.suberror == KVM_INTERNAL_ERROR_EMULATION ? " (instruction emulation failed)" : "");
}

/* A port write from the guest: a hypercall if it is one of ours. */
static int vm_port_out(struct vm *vm)
{
	struct kvm_run *run = vm->run;
	unsigned port = run->io.port;

	if (run->io.direction != KVM_EXIT_IO_OUT || run->io.size != 4 || run->io.count != 1 ||
	    port < HC_PORT_BASE || port >= HC_PORT_BASE + HC_COUNT) {
		warnx_("guest accessed unknown I/O port 0x%x", port);
		return EXIT_MONITOR_FAILED;
	}
	uint32_t gpa;
	memcpy(&gpa, (uint8_t *)run + run->io.data_offset, sizeof(gpa));
	return hypercall(&vm->g, port - HC_PORT_BASE, gpa);
}

volatile sig_atomic_t monitor_stop_signal;
static struct kvm_run *stoppable;

static void on_stop_signal(int sig)
{
	monitor_stop_signal = sig;
	/* KVM_RUN returns at once, also if the signal came just before it was entered. */
	stoppable->immediate_exit = 1;
}

void vm_catch_stop_signals(struct vm *vm)
{
	static const int signals[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa = { .sa_handler = on_stop_signal };
	stoppable = vm->run;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		sigaction(signals[i], &sa, NULL);
}

int vm_run(struct vm *vm)
{
	for (;;) {
		if (monitor_stop_signal)
			return 128 + monitor_stop_signal;
		if (ioctl(vm->vcpu, KVM_RUN, 0) < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			die(EXIT_MONITOR_FAILED, "KVM_RUN: %s", strerror(errno));
		}
		int status;
		switch (vm->run->exit_reason) {
		case KVM_EXIT_IO:
			status = vm_port_out(vm);
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
			       (unsigned long long)vm->run->mmio.phys_addr);
			return EXIT_MONITOR_FAILED;
		case KVM_EXIT_FAIL_ENTRY:
			warnx_("KVM could not enter the guest (reason 0x%llx)",
			       (unsigned long long)vm->run->fail_entry.hardware_entry_failure_reason);
			return EXIT_MONITOR_FAILED;
		case KVM_EXIT_INTERNAL_ERROR:
			vm_report_internal_error(vm);
			return EXIT_MONITOR_FAILED;
		default:
			warnx_("unexpected KVM exit %u", vm->run->exit_reason);
			return EXIT_MONITOR_FAILED;
		}
	}
}
