/*
 * TSC ticks and nanoseconds. Conversions are a multiply and a shift by 32:
 * no division on the way. Drivers time their waits with these, so this file
 * needs nothing of the clocks built on it.
 */
#include "ticks.h"

static uint64_t ns_per_tick_32, ticks_per_ns_32;

void ticks_init(uint64_t tsc_khz)
{
	if (tsc_khz) {
		ns_per_tick_32 = (1000000ULL << 32) / tsc_khz;
		ticks_per_ns_32 = (tsc_khz << 32) / 1000000;
	}
}

uint64_t tsc_to_ns(uint64_t ticks)
{
	return (uint64_t)(((unsigned __int128)ticks * ns_per_tick_32) >> 32);
}

uint64_t ns_to_tsc(uint64_t ns)
{
	return (uint64_t)(((unsigned __int128)ns * ticks_per_ns_32) >> 32);
}

uint64_t ticks_ns_per_tick_32(void)
{
	return ns_per_tick_32;
}
