/* The CMOS real-time clock. */
#ifndef DRIVERS_RTC_H
#define DRIVERS_RTC_H

#include <stdint.h>

/* Seconds since 1970 (UTC, as QEMU keeps the RTC by default); 0 without an RTC. */
int64_t rtc_unix_seconds(void);

#endif
