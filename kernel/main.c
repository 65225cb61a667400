/* The kernel's C entry: set up the boot CPU and memory, start the others, then the program. */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/irq.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/percpu.h"
#include "kernel/mm/vm.h"
#include "kernel/proc/exec.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/rlimit.h"
#include "kernel/fs/fd.h"
#include "kernel/fs/mount.h"
#include "kernel/mm/frame.h"
#include "kernel.h"
#include "lock.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/smp.h"
#include "kernel/signal/signal.h"
#include "kernel/sched/thread.h"
#include "kernel/time/time.h"
#include "kernel/tty/tty.h"

const struct boot_info *boot;

_Noreturn void kmain(uint64_t boot_pa);

_Noreturn void kmain(uint64_t boot_pa)
{
	boot = phys_to_virt(boot_pa);
	/* Until this write kvm-pvm emulates every ring-0 instruction and cannot run SSE. */
	if (boot->pvm_vif_gpa)
		wrmsr(MSR_PVM_VIF, boot->pvm_vif_gpa);
	current()->cpu = &cpus[0];
	kernel_lock();
	irq_pvm = boot->pvm_vif_gpa != 0;
	frame_init(boot->free_start, boot->mem_size);
	paging_init(frame_alloc, frame_free);
	cpu_setup(0);
	if (!fpu_init())
		panic("XSAVE area of %u bytes", (unsigned)fpu_area_size());
	/* The boot thread sets the first process up as if it were one of its threads. */
	struct proc *first = proc_first();
	current()->proc = first;
	first->mm = mm_create();
	if (!first->mm)
		panic("no memory for the first address space");
	mm_activate(current()->cpu, first->mm);
	rlimit_init(first);
	fd_init();
	pty_init();
	tty_console_init();
	mount_init();
	clock_init();
	signal_init(first);
	smp_start(boot->cpus);
	exec_start();
	current()->proc = 0;
	sched_idle();
}
