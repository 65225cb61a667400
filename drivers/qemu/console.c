/*
 * stdout and stderr without a monitor: the first virtio console found
 * carries stdout and the second stderr (stderr shares the first without a
 * second); without virtio consoles (QEMU's pc machine, or none given) the
 * 16550s do, a VM exit per byte under KVM.
 */
#include "console.h"
#include "drivers/qemu/devices/serial.h"
#include "drivers/qemu/devices/virtio_console.h"
#include "kernel/kernel.h"

static unsigned nvirtio;

void console_init(void)
{
	nvirtio = virtio_console_init();
	if (!nvirtio)
		serial_init();
}

void console_write(int stream, uint64_t pa, size_t len)
{
	if (nvirtio)
		virtio_console_write(stream == 2 && nvirtio > 1 ? 1 : 0, pa, len);
	else
		serial_write(stream, phys_to_virt(pa), len);
}
