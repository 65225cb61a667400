/* virtio consoles on virtio-mmio (QEMU microvm), polled. */
#ifndef DRIVERS_VIRTIO_CONSOLE_H
#define DRIVERS_VIRTIO_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Find and set up the consoles; how many there are (at most 2). */
unsigned virtio_console_init(void);
/* Write len bytes at physical address pa to console n (0 or 1, below what init found). */
void virtio_console_write(unsigned n, uint64_t pa, size_t len);

#endif
