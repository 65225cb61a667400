/*
 * Ending QEMU. The isa-debug-exit device (port 0xf4) ends QEMU with status
 * (value << 1) | 1, which the host truncates to 8 bits and so loses the
 * value's top bit; the whole status goes first as a line on the debug console
 * (port 0xe9): "exit N" for the program's status N, "panic" after a kernel
 * panic. scripts/qemu-run reads that line. Without either device the CPU halts.
 */
#include "qemu_exit.h"
#include "ioport.h"
#include "arch/x86_64/cpu.h"
#include "kernel/kernel.h"

#define DEBUGCON 0xe9
#define DEBUG_EXIT 0xf4
#define PANIC_STATUS 125

static _Noreturn void finish(const char *line, int status)
{
	for (const char *c = line; *c; c++)
		outb(DEBUGCON, (uint8_t)*c);
	outb(DEBUG_EXIT, (uint8_t)status);
	halt_forever();
}

_Noreturn void qemu_exit(int status)
{
	char line[16];
	ksnprintf(line, sizeof(line), "exit %d\n", status & 0xff);
	finish(line, status);
}

_Noreturn void qemu_exit_panic(void)
{
	finish("panic\n", PANIC_STATUS);
}
