/* The kernel's C entry: set up the CPU and memory, then start the program. */
#include "arch/x86_64/cpu.h"
#include "exec.h"
#include "fd.h"
#include "frame.h"
#include "kernel.h"
#include "time.h"

const struct boot_info *boot;

_Noreturn void kmain(uint64_t boot_pa);

_Noreturn void kmain(uint64_t boot_pa)
{
	boot = phys_to_virt(boot_pa);
	/* Until this write kvm-pvm emulates every ring-0 instruction and cannot run SSE. */
	if (boot->pvm_vif_gpa)
		wrmsr(MSR_PVM_VIF, boot->pvm_vif_gpa);
	if (boot->abi_version != COCOON_ABI_VERSION)
		panic("monitor speaks ABI %u, kernel %u", boot->abi_version, COCOON_ABI_VERSION);
	gdt_init();
	idt_init();
	cpu_init();
	frame_init(boot->free_start, boot->mem_size);
	fd_init();
	clock_init();
	exec_start();
}
