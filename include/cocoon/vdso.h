/*
 * What the kernel tells the vDSO: the page just below the vDSO's image holds
 * this, written once when the program starts. The clocks are the kernel's
 * (kernel/time/time.c): a base time at a TSC value plus TSC ticks since.
 */
#ifndef COCOON_VDSO_H
#define COCOON_VDSO_H

#include <stdint.h>

struct vdso_data {
	uint64_t ns_per_tick_32; /* ns per TSC tick << 32; 0: no TSC rate, ask the kernel */
	uint64_t mono_tsc;
	int64_t mono_ns;
	uint64_t real_tsc;
	int64_t real_ns;
	int64_t tai_offset_ns;
	/* The kernel's direct entry (kernel/proc/direct_syscall.h), 0 if the CPU lacks FSGSBASE: what
	 * the vDSO calls for the syscalls it passes on while the GS base is the kernel stack's top. */
	uint64_t direct_entry;
};

#endif
