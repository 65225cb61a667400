/* The CMOS real-time clock: the date and time, to the second. */
#include "rtc.h"
#include "ioport.h"

#include <stdbool.h>

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define REG_STATUS_A 0x0a
#define REG_STATUS_B 0x0b
#define REG_CENTURY 0x32
#define A_UPDATING 0x80
#define B_24_HOUR 0x02
#define B_BINARY 0x04
#define HOUR_PM 0x80
#define NO_DEVICE 0xff

enum { SEC, MIN, HOUR, DAY, MONTH, YEAR, CENTURY, FIELDS };
static const uint8_t field_reg[FIELDS] = { 0x00, 0x02, 0x04, 0x07, 0x08, 0x09, REG_CENTURY };

static uint8_t cmos(uint8_t reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

static void read_fields(uint8_t *f)
{
	while (cmos(REG_STATUS_A) & A_UPDATING)
		__asm__ volatile("pause");
	for (int i = 0; i < FIELDS; i++)
		f[i] = cmos(field_reg[i]);
}

static int bcd(uint8_t v)
{
	return (v >> 4) * 10 + (v & 15);
}

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar (March-based years). */
static int64_t days_since_epoch(int64_t y, int m, int d)
{
	if (m <= 2)
		y--;
	int64_t era = y / 400, year_of_era = y - era * 400;
	int day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	return era * 146097 + day_of_era - 719468;
}

int64_t rtc_unix_seconds(void)
{
	uint8_t f[FIELDS], again[FIELDS];
	/* No RTC (a floating bus reads all ones, e.g. QEMU's microvm without rtc=on): the epoch. */
	if (cmos(REG_STATUS_A) == NO_DEVICE)
		return 0;
	/* The same reading twice: no update came in the middle. */
	read_fields(f);
	for (;;) {
		read_fields(again);
		bool same = true;
		for (int i = 0; i < FIELDS; i++)
			same &= f[i] == again[i];
		if (same)
			break;
		for (int i = 0; i < FIELDS; i++)
			f[i] = again[i];
	}
	uint8_t status = cmos(REG_STATUS_B);
	bool pm = f[HOUR] & HOUR_PM;
	f[HOUR] &= (uint8_t)~HOUR_PM;
	int v[FIELDS];
	for (int i = 0; i < FIELDS; i++)
		v[i] = status & B_BINARY ? f[i] : bcd(f[i]);
	if (!(status & B_24_HOUR))
		v[HOUR] = v[HOUR] % 12 + (pm ? 12 : 0);
	int64_t year = (v[CENTURY] ? v[CENTURY] * 100 : 2000) + v[YEAR];
	return ((days_since_epoch(year, v[MONTH], v[DAY]) * 24 + v[HOUR]) * 60 + v[MIN]) * 60 + v[SEC];
}
