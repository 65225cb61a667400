/* The program's stdout and stderr without a monitor: virtio consoles if QEMU gave them, else the 16550s. */
#ifndef DRIVERS_CONSOLE_H
#define DRIVERS_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

void console_init(void);
/* Write len bytes at physical address pa to standard stream 1 or 2. */
void console_write(int stream, uint64_t pa, size_t len);

#endif
