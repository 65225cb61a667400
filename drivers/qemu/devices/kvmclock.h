/* KVM's paravirtual clock: the host's wall-clock time and the TSC's exact rate. */
#ifndef DRIVERS_KVMCLOCK_H
#define DRIVERS_KVMCLOCK_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Under KVM: the host's CLOCK_REALTIME in ns at TSC value *tsc, and the TSC's
 * rate; false without a kvmclock (TCG, other hypervisors).
 */
bool kvmclock_read(int64_t *realtime_ns, uint64_t *tsc, uint32_t *tsc_khz);

#endif
