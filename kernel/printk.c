/* Kernel messages to the host's stderr, and panics. */
#include "arch/x86_64/cpu.h"
#include "drivers/monitor/hypercall.h"
#include "kernel.h"

static void write_stderr(const char *prefix, const char *fmt, va_list ap)
{
	static char line[512];
	int n = ksnprintf(line, sizeof(line), "%s", prefix);
	n += kvsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	struct hc_io req = { .handle = 2, .offset = -1, .buf = virt_to_phys(line),
			     .len = n < (int)sizeof(line) ? (uint64_t)n : sizeof(line) - 1 };
	hypercall(HC_WRITE, &req);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	write_stderr("", fmt, ap);
	va_end(ap);
}

void kmsg(const char *fmt, ...)
{
	/* Without a monitor the kernel serves its own hypercalls: QEMU runs it, through qemu-run. */
	const char *launcher = hypercall_local ? "qemu-run: " : "uhyve-run: ";
	va_list ap;
	va_start(ap, fmt);
	write_stderr(launcher, fmt, ap);
	va_end(ap);
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
