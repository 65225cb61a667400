/*
 * Exceptions and interrupts, on the kernel stack arch/x86_64/entry.S moved
 * them to. Faults from the program become demand paging or its death; faults in the
 * kernel are demand paging of the program's memory or a panic.
 */
#include <stdint.h>

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/irq.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/tlb.h"
#include "arch/x86_64/uregs.h"
#include "kernel.h"
#include "lock.h"
#include "kernel/mm/vm.h"
#include "kernel/net/net.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/thread.h"
#include "kernel/signal/signal.h"
#include "kernel/uapi.h"
#include "return.h"

#define PF_PRESENT 0x1
#define PF_WRITE 0x2
#define PF_FETCH 0x10


/* Each exception's name, the signal the program gets, and the siginfo code Linux gives. */
static const struct {
	const char *name;
	int signal;
	int code;
} exceptions[32] = {
	[0] = { "divide error", SIGFPE, 1 /* FPE_INTDIV */ },
	[1] = { "debug trap", SIGTRAP, 2 /* TRAP_TRACE */ },
	[2] = { "NMI", 0, 0 },
	[3] = { "breakpoint", SIGTRAP, SI_KERNEL },
	[4] = { "overflow", SIGSEGV, SI_KERNEL },
	[5] = { "bound range exceeded", SIGSEGV, SI_KERNEL },
	[6] = { "invalid opcode", SIGILL, 2 /* ILL_ILLOPN */ },
	[7] = { "device not available", SIGSEGV, SI_KERNEL },
	[8] = { "double fault", 0, 0 },
	[10] = { "invalid TSS", 0, 0 },
	[11] = { "segment not present", SIGBUS, SI_KERNEL },
	[12] = { "stack fault", SIGBUS, SI_KERNEL },
	[13] = { "general protection fault", SIGSEGV, SI_KERNEL },
	[14] = { "page fault", SIGSEGV, 1 /* SEGV_MAPERR; SEGV_ACCERR below */ },
	[16] = { "x87 floating-point error", SIGFPE, 0 },
	[17] = { "alignment check", SIGBUS, 1 /* BUS_ADRALN */ },
	[18] = { "machine check", 0, 0 },
	[19] = { "SIMD floating-point error", SIGFPE, 0 },
};

static void interrupt(struct uregs *f, bool from_program)
{
	struct cpu *c = current()->cpu;
	if (!c) /* the frame went to a stack that is no thread's: say where it came from */
		panic("interrupt %lu at rip %#lx, rsp %#lx, on no thread's stack", f->vector, f->rip, f->rsp);
	/* About to halt in irq_wait: resume after the hlt, so the idle loop looks again. */
	if (f->rip >= (uint64_t)irq_wait_start && f->rip < (uint64_t)irq_wait_end)
		f->rip = (uint64_t)irq_wait_end;
	c->wake = 1;
	if (f->vector == VEC_SPURIOUS)
		return;
	/* Fired, so no longer armed, even where it came before its deadline (an xAPIC timer's calibration is off). */
	if (f->vector == VEC_TIMER)
		c->timer_armed = 0;
	lapic_eoi();
	if (f->vector == VEC_TLB)
		tlb_flush_here(c);
	/* The network device has frames: the timer path takes them with lwIP's timers. */
	if (f->vector == VEC_NET)
		__atomic_store_n(&net_rx_pending, true, __ATOMIC_RELAXED);
	else if (f->vector != VEC_TIMER)
		return;
	if (kernel_lock_held_here()) {
		c->timer_due = true;
		return;
	}
	kernel_lock();
	/* Preempt only the program itself, never the entry code around it. */
	sched_timer(from_program && f->rip < KERNEL_VBASE);
	if (from_program) {
		return_to_program(f);
	} else {
		/* Kernel code about to return to the program (past its own sched_arm) needs the next tick armed. */
		sched_arm(c);
		kernel_unlock();
	}
}

static void exception(struct uregs *f, bool from_program)
{
	uint64_t addr = f->vector == 14 ? read_cr2() : 0;
	int fault = f->vector == 14 ? vm_fault(addr, (f->error & PF_WRITE) != 0, (f->error & PF_FETCH) != 0) : 0;
	if (f->vector == 14 && !fault)
		return;
	const char *name = exceptions[f->vector].name ? exceptions[f->vector].name : "reserved exception";
	int sig = fault == SIGBUS ? SIGBUS : exceptions[f->vector].signal;
	if (!from_program || f->rip >= KERNEL_VBASE || sig == 0)
		panic("%s at rip %#lx, address %#lx, error %#lx", name, f->rip, addr, f->error);
	/* A page of a mapping it may not touch (present or not, as PROT_NONE): an access error. */
	bool mapped = f->vector == 14 && ((f->error & PF_PRESENT) || vm_check(PAGE_DOWN(addr), 1, PAGE_NONE));
	int code = fault == SIGBUS ? 2 /* BUS_ADRERR */ : mapped ? 2 /* SEGV_ACCERR */ : exceptions[f->vector].code;
	if (signal_fault(f, sig, code, f->vector == 14 ? addr : f->rip))
		return;
	app_crash(name, sig, f->rip, addr);
}

void trap(struct uregs *f);

void trap(struct uregs *f)
{
	/* The program's stack is below the kernel's half; see trap_common. */
	bool from_program = f->rsp < KERNEL_VBASE;
	if (f->vector >= 32) {
		interrupt(f, from_program);
		return;
	}
	/* Faults inside the kernel happen under the lock it already holds. */
	if (from_program)
		kernel_lock();
	exception(f, from_program);
	if (from_program)
		return_to_program(f);
}
