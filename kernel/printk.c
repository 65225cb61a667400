/* Kernel messages to the host's stderr, and panics. */
#include "arch/x86_64/cpu.h"
#include "drivers/monitor/hypercall.h"
#include "kernel.h"

void kprintf(const char *fmt, ...)
{
	static char line[512];
	va_list ap;
	va_start(ap, fmt);
	int n = kvsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	struct hc_io req = { .handle = 2, .offset = -1, .buf = virt_to_phys(line),
			     .len = n < (int)sizeof(line) ? (uint64_t)n : sizeof(line) - 1 };
	hypercall(HC_WRITE, &req);
}

_Noreturn void panic(const char *fmt, ...)
{
	static char msg[256];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	struct hc_buf req = { .buf = virt_to_phys(msg), .len = strlen(msg) };
	hypercall(HC_PANIC, &req);
	halt_forever();
}
