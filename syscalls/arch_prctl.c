/* arch_prctl(2): the FS and GS bases are the program's (see kernel/proc/direct_syscall.h for GS). */
#include <asm/prctl.h>

#include "arch/x86_64/fpu.h"
#include "kernel/proc/direct_syscall.h"
#include "sys.h"

long sys_arch_prctl(const uint64_t *args)
{
	uint64_t addr = args[1];
	switch (args[0]) {
	case ARCH_SET_FS:
	case ARCH_SET_GS:
		if (addr >= USER_VTOP)
			return -EPERM;
		if (args[0] == ARCH_SET_FS)
			fs_base_write(addr);
		else
			gs_base_set(addr);
		return 0;
	case ARCH_GET_FS:
	case ARCH_GET_GS: {
		uint64_t base = args[0] == ARCH_GET_FS ? fs_base_read() : gs_base_of_current();
		return copy_to_user((void *)addr, &base, sizeof(base));
	}
	default:
		return -EINVAL;
	}
}
