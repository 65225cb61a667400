/* ITIMER_REAL: one deadline for the program, served by the scheduler's timer. */
#include "itimer.h"
#include "signal.h"
#include "time.h"

#define SIGALRM 14
#define SI_KERNEL 0x80

static uint64_t deadline;      /* TSC, 0 if disarmed */
static uint64_t interval_tsc;  /* reload, 0 for one shot */
static uint64_t interval_ns;   /* as set: converting back from ticks would not round-trip */

void itimer_get(uint64_t *value, uint64_t *interval)
{
	uint64_t now = rdtsc();
	*value = deadline ? (deadline > now ? tsc_to_ns(deadline - now) : 1) : 0;
	*interval = interval_ns;
}

void itimer_set(uint64_t value, uint64_t interval, uint64_t *old_value, uint64_t *old_interval)
{
	itimer_get(old_value, old_interval);
	deadline = value ? rdtsc() + ns_to_tsc(value) : 0;
	interval_tsc = ns_to_tsc(interval);
	interval_ns = interval;
}

uint64_t itimer_deadline(void)
{
	return deadline;
}

void itimer_expire(uint64_t now)
{
	if (!deadline || now < deadline)
		return;
	signal_send(0, SIGALRM, SI_KERNEL);
	if (!interval_tsc) {
		deadline = 0;
		return;
	}
	/* Overruns collapse into one signal, as Linux's do. */
	deadline += ((now - deadline) / interval_tsc + 1) * interval_tsc;
}
