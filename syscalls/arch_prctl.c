/* arch_prctl(2): the FS and GS bases are the program's; the kernel never uses them. */
#include <asm/prctl.h>

#include "arch/x86_64/cpu.h"
#include "sys.h"

long sys_arch_prctl(const uint64_t *args)
{
	uint64_t addr = args[1];
	switch (args[0]) {
	case ARCH_SET_FS:
	case ARCH_SET_GS:
		if (addr >= USER_VTOP)
			return -EPERM;
		wrmsr(args[0] == ARCH_SET_FS ? MSR_FS_BASE : MSR_GS_BASE, addr);
		return 0;
	case ARCH_GET_FS:
	case ARCH_GET_GS: {
		uint64_t base = rdmsr(args[0] == ARCH_GET_FS ? MSR_FS_BASE : MSR_GS_BASE);
		return copy_to_user((void *)addr, &base, sizeof(base));
	}
	default:
		return -EINVAL;
	}
}
