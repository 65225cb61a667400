/* arch_prctl(2): the FS and GS bases are the program's (see kernel/proc/direct_syscall.h for GS). */
#include <asm/prctl.h>

#include "arch/x86_64/fpu.h"
#include "kernel/proc/direct_syscall.h"
#include "sys.h"

SYSCALL_DEFINE2(arch_prctl, int, op, unsigned long, addr)
{
	switch (op) {
	case ARCH_SET_FS:
	case ARCH_SET_GS:
		if (addr >= USER_VTOP)
			return -EPERM;
		if (op == ARCH_SET_FS)
			fs_base_write(addr);
		else
			gs_base_set(addr);
		return 0;
	case ARCH_GET_FS:
	case ARCH_GET_GS: {
		uint64_t base = op == ARCH_GET_FS ? fs_base_read() : gs_base_of_current();
		return copy_to_user((void *)addr, &base, sizeof(base));
	}
	default:
		return -EINVAL;
	}
}
