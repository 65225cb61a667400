/* Exceptions: resolve demand-paging faults, turn the rest into signals or panics. */
#include <stdint.h>

#include "cpu.h"
#include "kernel/kernel.h"
#include "kernel/vm.h"

struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

#define PF_WRITE 0x2
#define PF_FETCH 0x10

#define SIGILL  4
#define SIGTRAP 5
#define SIGBUS  7
#define SIGFPE  8
#define SIGSEGV 11

static const struct {
	const char *name;
	int signal;
} exceptions[32] = {
	[0] = { "divide error", SIGFPE },
	[1] = { "debug trap", SIGTRAP },
	[2] = { "NMI", 0 },
	[3] = { "breakpoint", SIGTRAP },
	[4] = { "overflow", SIGSEGV },
	[5] = { "bound range exceeded", SIGSEGV },
	[6] = { "invalid opcode", SIGILL },
	[7] = { "device not available", SIGSEGV },
	[8] = { "double fault", 0 },
	[10] = { "invalid TSS", 0 },
	[11] = { "segment not present", SIGBUS },
	[12] = { "stack fault", SIGBUS },
	[13] = { "general protection fault", SIGSEGV },
	[14] = { "page fault", SIGSEGV },
	[16] = { "x87 floating-point error", SIGFPE },
	[17] = { "alignment check", SIGBUS },
	[18] = { "machine check", 0 },
	[19] = { "SIMD floating-point error", SIGFPE },
};

void trap(struct trap_frame *f);

void trap(struct trap_frame *f)
{
	uint64_t addr = f->vector == 14 ? read_cr2() : 0;
	if (f->vector == 14 && vm_fault(addr, (f->error & PF_WRITE) != 0, (f->error & PF_FETCH) != 0))
		return;

	const char *name = f->vector < 32 && exceptions[f->vector].name ? exceptions[f->vector].name
									  : "reserved exception";
	int sig = f->vector < 32 ? exceptions[f->vector].signal : 0;
	if (f->rip >= KERNEL_VBASE || sig == 0)
		panic("%s at rip %#lx, address %#lx, error %#lx", name, f->rip, addr, f->error);
	app_crash(name, sig, f->rip, addr);
}
