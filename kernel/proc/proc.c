/* How the program ends: exit, fatal signal, crash; and how the kernel gives up. */
#include "arch/x86_64/cpu.h"
#include "drivers/monitor/hypercall.h"
#include "kernel/kernel.h"
#include "kernel/net/net.h"
#include "proc.h"


const char *proc_exe(void)
{
	return phys_to_virt(boot->exe_gpa);
}

_Noreturn void proc_exit(int status)
{
	if (net_at_exit)
		net_at_exit();
	struct hc_exit req = { .status = status & 0xff };
	hypercall(HC_EXIT, &req);
	halt_forever();
}

static const char *const signal_names[] = {
	[4] = "SIGILL", [5] = "SIGTRAP", [7] = "SIGBUS", [8] = "SIGFPE",
	[9] = "SIGKILL", [11] = "SIGSEGV", [13] = "SIGPIPE",
};

_Noreturn void app_crash(const char *what, int sig, uint64_t rip, uint64_t addr)
{
	const char *name = proc_exe();
	for (const char *c = name; *c; c++)
		if (*c == '/' && c[1])
			name = c + 1;
	kmsg("%s crashed: %s (%s) at rip %#lx, address %#lx\n", name, what, signal_names[sig],
		rip, addr);
	app_killed(sig);
}

/* A shell reports a program killed by signal N as 128+N. */
_Noreturn void app_killed(int sig)
{
	proc_exit(128 + sig);
}
