/* The 16550 UARTs: COM1 carries the program's stdout, COM2 its stderr. */
#ifndef DRIVERS_SERIAL_H
#define DRIVERS_SERIAL_H

#include <stddef.h>

void serial_init(void);
/* Write to the port behind standard stream 1 or 2 (stderr goes to COM1 without a COM2). */
void serial_write(int stream, const void *buf, size_t len);

#endif
