/* The TSC's rate when no monitor measured it. */
#ifndef DRIVERS_TSC_RATE_H
#define DRIVERS_TSC_RATE_H

#include <stdint.h>

uint32_t tsc_rate_khz(void);

#endif
