/* TSC ticks to and from nanoseconds, at the rate the monitor measured. */
#ifndef KERNEL_TICKS_H
#define KERNEL_TICKS_H

#include <stdint.h>

#include "arch/x86_64/tsc.h"

/* Set the rate once at boot; 0 kHz (unknown) makes every conversion 0. */
void ticks_init(uint64_t tsc_khz);
uint64_t ns_to_tsc(uint64_t ns);
uint64_t tsc_to_ns(uint64_t ticks);
/* Nanoseconds per tick in 32.32 fixed point, as the vDSO converts. */
uint64_t ticks_ns_per_tick_32(void);

#endif
